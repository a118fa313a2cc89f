package io.kintonemigrator.ledger;

import java.time.LocalDate;

/**
 * Requests sent per kintone app per kintone day, across runs and processes (table
 * {@code KAM_API_USAGE}). An app is named by its key, {@code host[:port]/app}. Every method commits
 * at once in its own transaction, also when called inside a chunk, so a count survives both a
 * rolled-back chunk and a crash. Implementations are thread-safe.
 */
public interface ApiUsageLedger {

	/** Requests counted for the app on that kintone day (0 when none). */
	long requests(String appKey, LocalDate kintoneDay);

	/**
	 * Counts one request for the app on that day unless the day's count has reached {@code budget}
	 * (0 = no budget). Atomic across threads and processes sharing the database.
	 * @return whether the request was counted, i.e. may be sent
	 */
	boolean tryCount(String appKey, LocalDate kintoneDay, long budget);

}
