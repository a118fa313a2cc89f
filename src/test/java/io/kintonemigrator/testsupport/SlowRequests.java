package io.kintonemigrator.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import jakarta.servlet.Filter;

/**
 * Request filters for the emulator that hold each kintone request for a while before it
 * is handled, while it counts as in flight: plain latency, not a fault. Tests use them so
 * that concurrent clients reliably overlap, or to stretch a run over seconds so a signal
 * or a kill lands inside it.
 */
public final class SlowRequests {

	private SlowRequests() {
	}

	/** Holds every request for {@code delay}. */
	public static Filter delay(Duration delay) {
		return delayWhile(delay, () -> true);
	}

	/**
	 * Holds a request for {@code delay} when {@code slow} says so as it arrives; the
	 * others pass at once.
	 */
	public static Filter delayWhile(Duration delay, BooleanSupplier slow) {
		return (request, response, chain) -> {
			if (slow.getAsBoolean()) {
				try {
					Thread.sleep(delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			chain.doFilter(request, response);
		};
	}

}
