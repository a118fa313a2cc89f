package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.kintonemigrator.kintone.DailyQuota;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A network interceptor: counts every request that actually goes out on the wire and that
 * kintone counts ({@link DailyQuota}) against its app's kintone day, and remembers the
 * domain's last {@code X-ConcurrencyLimit-Limit/Running} answer together with how many of
 * the running requests were ours.
 */
final class ApiUsageInterceptor implements Interceptor {

	static final String LIMIT = "X-ConcurrencyLimit-Limit";

	static final String RUNNING = "X-ConcurrencyLimit-Running";

	private final DailyRequestCounter counter;

	private final DomainConcurrency concurrency;

	ApiUsageInterceptor(DailyRequestCounter counter, DomainConcurrency concurrency) {
		this.counter = counter;
		this.concurrency = concurrency;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		if (DailyQuota.countsPath(chain.request().url().encodedPath())) {
			counter.increment();
		}
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
	 * The last concurrency figures a domain reported (-1 until seen), with how many of
	 * our requests were on the wire to it when the reporting request was sent: kintone
	 * counts a request from its arrival, so that is the part of {@code running} that was
	 * ours. Thread-safe.
	 */
	static final class DomainConcurrency {

		private final AtomicReference<Observed> last = new AtomicReference<>(new Observed(-1, -1, -1));

		private final AtomicInteger onTheWire = new AtomicInteger();

		void observe(int limit, int running, int own) {
			if (limit >= 0 || running >= 0) {
				last.set(new Observed(limit, running, own));
			}
		}

		Observed last() {
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

		/**
		 * @param own our requests on the wire to the domain (sent, answer not yet in)
		 * when this one was sent
		 */
		record Observed(int limit, int running, int own) {
		}

	}

}
