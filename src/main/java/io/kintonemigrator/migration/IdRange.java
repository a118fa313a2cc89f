package io.kintonemigrator.migration;

import org.jspecify.annotations.Nullable;

/**
 * The source records of one partition: {@code $id} above {@code afterId} and at most
 * {@code toId} ({@link Long#MAX_VALUE}: no upper bound, so records added while the job
 * runs are still read, as by a job of one range). Read with keyset paging like the whole
 * app: the lower bound is where the reader starts, the upper bound joins the job's query.
 */
public record IdRange(long afterId, long toId) {

	/** Every record. */
	public static final IdRange ALL = new IdRange(0, Long.MAX_VALUE);

	public IdRange {
		if (afterId < 0 || toId <= afterId) {
			throw new IllegalArgumentException("not a range of $id: (" + afterId + ", " + toId + "]");
		}
	}

	/** The job's query limited to this range's upper bound. */
	public @Nullable String query(@Nullable String jobQuery) {
		if (toId == Long.MAX_VALUE) {
			return jobQuery;
		}
		String bound = "$id <= " + toId;
		return jobQuery == null ? bound : bound + " and (" + jobQuery + ")";
	}

	@Override
	public String toString() {
		return "$id " + (afterId + 1) + ".." + (toId == Long.MAX_VALUE ? "" : toId);
	}

}
