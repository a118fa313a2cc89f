package io.kintonemigrator.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * An emulator request filter that remembers when the first request arrived and the last
 * one finished ({@link System#nanoTime()}), so the benchmark can time the migration's
 * traffic apart from starting the Spring context, and how long the emulator spent
 * handling them. It runs after the emulator's fault filter, so its times leave out the
 * injected latency. Thread-safe.
 */
final class ActiveWindow implements Filter {

	private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);

	private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

	private final LongAdder requests = new LongAdder();

	private final LongAdder busyNanos = new LongAdder();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long start = System.nanoTime();
		first.accumulateAndGet(start, Math::min);
		try {
			chain.doFilter(request, response);
		}
		finally {
			long end = System.nanoTime();
			last.accumulateAndGet(end, Math::max);
			requests.increment();
			busyNanos.add(end - start);
		}
	}

	/** Forgets what was seen (e.g. requests of the set-up). */
	void reset() {
		first.set(Long.MAX_VALUE);
		last.set(Long.MIN_VALUE);
		requests.reset();
		busyNanos.reset();
	}

	/**
	 * The mean time the emulator spent handling a request after the injected latency, in
	 * milliseconds.
	 */
	double meanHandlingMillis() {
		long count = requests.sum();
		return count == 0 ? 0 : busyNanos.sum() / 1e6 / count;
	}

	/**
	 * Requests in the emulator on average over the window (Little's law: time spent on
	 * requests ÷ window), counting {@code latency} for each request's injected wait.
	 */
	double meanInFlight(Duration latency) {
		double seconds = seconds();
		return seconds == 0 ? 0 : (busyNanos.sum() + requests.sum() * latency.toNanos()) / 1e9 / seconds;
	}

	/**
	 * Seconds from the first request's arrival to the last one's end; 0 before any
	 * request.
	 */
	double seconds() {
		long start = first.get();
		long end = last.get();
		return end < start ? 0 : (end - start) / 1e9;
	}

}
