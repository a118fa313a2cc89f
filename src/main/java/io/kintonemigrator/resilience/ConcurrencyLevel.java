package io.kintonemigrator.resilience;

/**
 * How many calls one kintone domain may have in flight from us now, and how that went so far (see
 * {@link AdaptiveConcurrencyLimit}).
 *
 * @param domain {@code host[:port]}
 * @param current calls allowed in flight now
 * @param lowest the lowest the limit went so far
 * @param max the most allowed, {@code limits.concurrency}
 * @param domainRunning requests the domain last said it had in flight, all clients together
 * ({@code X-ConcurrencyLimit-Running}); -1 before any answer
 */
public record ConcurrencyLevel(String domain, int current, int lowest, int max, int domainRunning) {

	/** {@code current/max}, e.g. {@code 37/50}. */
	@Override
	public String toString() {
		return current + "/" + max;
	}

}
