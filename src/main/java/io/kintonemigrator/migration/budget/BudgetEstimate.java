package io.kintonemigrator.migration.budget;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A conservative estimate of the requests kintone counts
 * ({@link io.kintonemigrator.kintone.DailyQuota}) that the next chunk may send to each
 * app: the most a chunk of this execution has needed so far, or what
 * {@link RequestEstimate} says a chunk needs (source: its record pages; target: its
 * lookup and room for revision conflicts' re-reads), whichever is larger, but never more
 * than a fresh kintone day holds after preflight and the record count: preflight refuses
 * a budget below {@link RequestEstimate#minimumDailyBudget}, so every day starts at least
 * one chunk and a chunk that once needed more (many retries) cannot stop the job every
 * day. Downloads, uploads and the bulk updates are not counted by kintone, so the files
 * of a chunk cost nothing here. What it learnt is kept in the step ExecutionContext for a
 * restart. Step-scoped: the run control listener stops before a chunk that may not fit,
 * the writer prefetches only a chunk that fits. Not thread-safe (the step thread uses
 * it).
 */
public class BudgetEstimate {

	static final String MAX_SOURCE = "kam.budget.maxSourceChunkRequests";

	static final String MAX_TARGET = "kam.budget.maxTargetChunkRequests";

	private final int chunkSize;

	private final long budget;

	private long maxSourceRequests;

	private long maxTargetRequests;

	/**
	 * @param budget the daily request budget per app ({@code limits.dailyRequestBudget};
	 * 0: none)
	 */
	public BudgetEstimate(int chunkSize, long budget) {
		this.chunkSize = chunkSize;
		this.budget = budget;
	}

	/**
	 * Keeps what the chunks taught so far, so a restarted execution estimates as
	 * carefully.
	 */
	public void saveTo(ExecutionContext context) {
		context.putLong(MAX_SOURCE, maxSourceRequests);
		context.putLong(MAX_TARGET, maxTargetRequests);
	}

	/** Continues from what an earlier execution of the step saved, if any. */
	public void restoreFrom(ExecutionContext context) {
		maxSourceRequests = Math.max(maxSourceRequests, context.getLong(MAX_SOURCE, 0L));
		maxTargetRequests = Math.max(maxTargetRequests, context.getLong(MAX_TARGET, 0L));
	}

	/** A chunk committed after sending these counted requests to each app. */
	public void chunkDone(long sourceRequests, long targetRequests) {
		maxSourceRequests = Math.max(maxSourceRequests, sourceRequests);
		maxTargetRequests = Math.max(maxTargetRequests, targetRequests);
	}

	public long sourceRequests() {
		return capped(Math.max(maxSourceRequests, RequestEstimate.chunkSourceRequests(chunkSize)), budget,
				RequestEstimate.sourceDayOverhead());
	}

	public long targetRequests() {
		return capped(Math.max(maxTargetRequests, RequestEstimate.chunkTargetRequests(chunkSize)), budget,
				RequestEstimate.targetDayOverhead());
	}

	/**
	 * At most what a day's budget holds after the day's overhead (no cap without a
	 * budget).
	 */
	private static long capped(long estimate, long budget, long dayOverhead) {
		return budget == 0 ? estimate : Math.min(estimate, Math.max(1, budget - dayOverhead));
	}

	/**
	 * Whether both apps have room today for {@code chunks} more chunks; an app without a
	 * budget always has.
	 */
	public boolean roomFor(int chunks, AppRequestMeter source, AppRequestMeter target) {
		return hasRoom(source, chunks * sourceRequests()) && hasRoom(target, chunks * targetRequests());
	}

	private static boolean hasRoom(AppRequestMeter meter, long needed) {
		return meter.budget() == 0 || meter.remainingToday() >= needed;
	}

}
