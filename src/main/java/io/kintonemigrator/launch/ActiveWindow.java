package io.kintonemigrator.launch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * An emulator request filter that remembers when the first request arrived and the last one
 * finished ({@link System#nanoTime()}), so the benchmark can time the migration's traffic apart
 * from starting the Spring context. Thread-safe.
 */
final class ActiveWindow implements Filter {

	private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);

	private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		first.accumulateAndGet(System.nanoTime(), Math::min);
		try {
			chain.doFilter(request, response);
		}
		finally {
			last.accumulateAndGet(System.nanoTime(), Math::max);
		}
	}

	/** Forgets what was seen (e.g. requests of the set-up). */
	void reset() {
		first.set(Long.MAX_VALUE);
		last.set(Long.MIN_VALUE);
	}

	/** Seconds from the first request's arrival to the last one's end; 0 before any request. */
	double seconds() {
		long start = first.get();
		long end = last.get();
		return end < start ? 0 : (end - start) / 1e9;
	}

}
