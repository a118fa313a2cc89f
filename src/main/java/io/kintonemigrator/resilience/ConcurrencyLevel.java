package io.kintonemigrator.resilience;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How many calls one kintone domain may have in flight from us now, and how that went so
 * far (see {@link AdaptiveConcurrencyLimit}).
 *
 * @param domain {@code host[:port]}
 * @param current calls allowed in flight now
 * @param lowest the lowest the limit went so far
 * @param max the most allowed, {@code limits.concurrency}
 * @param domainRunning requests the domain last said it had in flight, all clients
 * together ({@code X-ConcurrencyLimit-Running}); -1 before any answer
 */
public record ConcurrencyLevel(String domain, int current, int lowest, int max, int domainRunning) {

	/**
	 * For a progress line: {@code 37/50} for one domain,
	 * {@code a.cybozu.com 37/50, b.cybozu.com 50/50} for several, empty for none.
	 */
	public static String describe(List<ConcurrencyLevel> domains) {
		if (domains.size() == 1) {
			return domains.get(0).toString();
		}
		return domains.stream().map(level -> level.domain() + " " + level).collect(Collectors.joining(", "));
	}

	/** {@code current/max}, e.g. {@code 37/50}. */
	@Override
	public String toString() {
		return current + "/" + max;
	}

}
