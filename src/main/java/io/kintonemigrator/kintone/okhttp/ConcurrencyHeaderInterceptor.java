package io.kintonemigrator.kintone.okhttp;

import io.kintonemigrator.kintone.DomainConcurrency;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A network interceptor: remembers the domain's last
 * {@code X-ConcurrencyLimit-Limit/Running} answer together with how many of the running
 * requests were ours (the daily quota is counted above the retry layer, where the job's
 * budget is, see {@code migration.budget}).
 */
final class ConcurrencyHeaderInterceptor implements Interceptor {

	static final String LIMIT = "X-ConcurrencyLimit-Limit";

	static final String RUNNING = "X-ConcurrencyLimit-Running";

	private final DomainReports concurrency;

	ConcurrencyHeaderInterceptor(DomainReports concurrency) {
		this.concurrency = concurrency;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		int own = concurrency.sending();
		try {
			Response response = chain.proceed(chain.request());
			concurrency.observe(parse(response.header(LIMIT)), parse(response.header(RUNNING)), own);
			return response;
		}
		finally {
			concurrency.answered();
		}
	}

	private static int parse(@Nullable String header) {
		if (header == null) {
			return -1;
		}
		try {
			return Integer.parseInt(header.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The last concurrency figures a domain reported, with how many of our requests were
	 * on the wire to it when the reporting request was sent. Thread-safe.
	 */
	static final class DomainReports {

		private final AtomicReference<DomainConcurrency> last = new AtomicReference<>(DomainConcurrency.UNKNOWN);

		private final AtomicInteger onTheWire = new AtomicInteger();

		void observe(int limit, int running, int own) {
			if (limit >= 0 || running >= 0) {
				last.set(new DomainConcurrency(limit, running, own));
			}
		}

		DomainConcurrency last() {
			return last.get();
		}

		/**
		 * @return our requests on the wire to the domain, this one included
		 */
		int sending() {
			return onTheWire.incrementAndGet();
		}

		void answered() {
			onTheWire.decrementAndGet();
		}

	}

}
