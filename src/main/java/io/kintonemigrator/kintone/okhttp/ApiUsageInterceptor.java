package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import io.kintonemigrator.kintone.DailyQuota;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A network interceptor: counts every request that actually goes out on the wire and that kintone
 * counts ({@link DailyQuota}) against its app's kintone day, and remembers the domain's last {@code X-ConcurrencyLimit-Limit/Running} answer.
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
		Response response = chain.proceed(chain.request());
		concurrency.observe(parse(response.header(LIMIT)), parse(response.header(RUNNING)));
		return response;
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

	/** The last concurrency figures a domain reported (-1 until seen). Thread-safe. */
	static final class DomainConcurrency {

		private final AtomicReference<Observed> last = new AtomicReference<>(new Observed(-1, -1));

		void observe(int limit, int running) {
			if (limit >= 0 || running >= 0) {
				last.set(new Observed(limit, running));
			}
		}

		Observed last() {
			return last.get();
		}

		record Observed(int limit, int running) {
		}

	}

}
