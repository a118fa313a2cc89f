package io.kintonemigrator.ledger;

import java.time.LocalDate;

/**
 * Requests sent per kintone app per kintone day that kintone counts against the app's
 * daily quota (file transfers and bulk requests are not counted, see
 * {@code kintone.DailyQuota}), across runs and processes (table {@code KAM_API_USAGE}).
 * An app is named by its key, {@code host[:port]/app}. Every method commits at once in
 * its own transaction, also when called inside a chunk, so a count survives both a
 * rolled-back chunk and a crash. Implementations are thread-safe.
 */
public interface ApiUsageLedger {

	/** Requests counted for the app on that kintone day (0 when none). */
	long requests(String appKey, LocalDate kintoneDay);

	/**
	 * Counts up to {@code wanted} requests for the app on that day at once, as many as
	 * the day's budget still allows (0 = no budget: all of them). Atomic across threads
	 * and processes sharing the database: however many ask at once, the day's count never
	 * passes the budget.
	 * @return how many were counted (0 when the budget is used up)
	 */
	long tryReserve(String appKey, LocalDate kintoneDay, long budget, long wanted);

	/**
	 * Takes back {@code count} requests counted by {@link #tryReserve} that were never
	 * sent (never below 0), so they are free for other runs again.
	 */
	void release(String appKey, LocalDate kintoneDay, long count);

}
