package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.core.functions.Either;

/**
 * Waits out a busy domain: while an attempt is answered 429 (see
 * {@link TransientFailures#isBusyDomain}), it waits as {@link KintoneBackoff} says (a
 * {@code Retry-After} wins) and tries again, for as long as {@code maxBusyWait} allows
 * since the first 429 of the operation; the wait that would end past that is not started
 * and the last 429 is thrown. A busy domain is bounded by time, not by a count of
 * attempts: a neighbour's batch may keep a domain full for minutes, and the answer to
 * that is to slow down, not to fail. Any other outcome returns or is thrown at once. An
 * interrupted wait throws the last 429 with the interrupt flag set again.
 */
final class BusyDomainRetry {

	/** Told before each wait. */
	@FunctionalInterface
	interface Listener {

		void beforeWait(int busyAnswers, Duration wait, RuntimeException failure);

	}

	private final KintoneBackoff backoff;

	private final Duration maxBusyWait;

	private final Listener listener;

	BusyDomainRetry(KintoneBackoff backoff, Duration maxBusyWait, Listener listener) {
		this.backoff = backoff;
		this.maxBusyWait = maxBusyWait;
		this.listener = listener;
	}

	<T> T call(Supplier<T> attempt) {
		long firstBusyAt = 0;
		int busyAnswers = 0;
		while (true) {
			try {
				return attempt.get();
			}
			catch (RuntimeException failure) {
				if (!TransientFailures.isBusyDomain(failure)) {
					throw failure;
				}
				long now = System.nanoTime();
				if (busyAnswers++ == 0) {
					firstBusyAt = now;
				}
				Duration wait = Duration.ofMillis(backoff.apply(busyAnswers, Either.left(failure)));
				if (Duration.ofNanos(now - firstBusyAt).plus(wait).compareTo(maxBusyWait) > 0) {
					throw failure;
				}
				listener.beforeWait(busyAnswers, wait, failure);
				sleep(wait, failure);
			}
		}
	}

	private static void sleep(Duration wait, RuntimeException failure) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

}
