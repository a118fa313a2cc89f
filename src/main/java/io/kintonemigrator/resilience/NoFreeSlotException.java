package io.kintonemigrator.resilience;

/**
 * Our own limit refused a call: no slot of the domain's {@link AdaptiveConcurrencyLimit}
 * came free within {@code maxWaitForSlot}. Says nothing about the domain's health, so the
 * circuit ignores it; {@link DomainGuard} turns it into a
 * {@code KintoneRejectedException}.
 */
final class NoFreeSlotException extends RuntimeException {

	private final int limit;

	NoFreeSlotException(int limit) {
		super("no free concurrency slot", null, false, false);
		this.limit = limit;
	}

	/** The limit in force when the call was refused. */
	int limit() {
		return limit;
	}

}
