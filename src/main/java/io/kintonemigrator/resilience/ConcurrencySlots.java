package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.kintonemigrator.kintone.DomainConcurrency;
import org.jspecify.annotations.Nullable;

/**
 * Runs each attempt in a slot of one domain's {@link AdaptiveConcurrencyLimit}: waits up
 * to {@code maxWaitForSlot} for a free slot (else throws {@link NoFreeSlotException}),
 * holds it only while the attempt runs, and before giving it back adapts the limit to the
 * attempt's answer: the domain's concurrency report, and a 429 that lowers it.
 * Thread-safe.
 */
final class ConcurrencySlots {

	private final AdaptiveConcurrencyLimit concurrency;

	private final Duration maxWaitForSlot;

	private final DomainEvents events;

	ConcurrencySlots(AdaptiveConcurrencyLimit concurrency, Duration maxWaitForSlot, DomainEvents events) {
		this.concurrency = concurrency;
		this.maxWaitForSlot = maxWaitForSlot;
		this.events = events;
	}

	/**
	 * {@code call} run in a slot.
	 * @param usage read after the attempt, while it still holds its slot (null: no
	 * report)
	 */
	<T> Supplier<T> decorate(Supplier<T> call, @Nullable Supplier<DomainConcurrency> usage) {
		return () -> {
			if (!concurrency.acquire(maxWaitForSlot)) {
				int limit = concurrency.limit();
				events.slotRefused(limit);
				throw new NoFreeSlotException(limit);
			}
			RuntimeException failure = null;
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
			finally {
				try {
					if (usage != null) {
						DomainConcurrency reported = usage.get();
						concurrency.observe(reported.limit(), reported.running(), reported.own());
					}
					if (failure != null && TransientFailures.isConcurrencyRefusal(failure)) {
						concurrency.refused();
					}
				}
				finally {
					concurrency.release();
				}
			}
		};
	}

}
