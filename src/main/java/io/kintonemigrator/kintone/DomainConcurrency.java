package io.kintonemigrator.kintone;

/**
 * What a kintone domain last reported of its concurrency in
 * {@code X-ConcurrencyLimit-Limit} and {@code X-ConcurrencyLimit-Running} (-1 until
 * seen), with {@code own}, the number of our requests on the wire to it when the
 * reporting request was sent (-1: unknown): kintone counts a request from its arrival, so
 * that is the part of {@code running} that was ours.
 */
public record DomainConcurrency(int limit, int running, int own) {

	/** Nothing reported yet. */
	public static final DomainConcurrency UNKNOWN = new DomainConcurrency(-1, -1, -1);

}
