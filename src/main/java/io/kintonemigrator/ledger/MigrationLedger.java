package io.kintonemigrator.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * The attachment ledger of a job: one row per source attachment (see
 * {@code sql/ledger-*.sql}), identified by {@link AttachmentRef}.
 *
 * <p>
 * Transactions: {@link #recordIntents} commits at once in its own transaction, even when
 * called inside a chunk, because the intent must survive a crash that happens after
 * kintone accepted the update. Every other write joins the caller's transaction, so in a
 * chunk it commits together with the reader's checkpoint, or not at all. Implementations
 * are thread-safe.
 */
public interface MigrationLedger {

	/** Every row of the given source records. */
	List<LedgerEntry> entries(String job, long sourceApp, Collection<Long> sourceRecords);

	/**
	 * The source records (of any source app) whose rows name each of the given target
	 * records of {@code targetApp} (rows written before 2.0, without a target app, count
	 * for every app).
	 */
	Map<Long, List<Long>> sourcesOf(String job, String targetApp, Collection<Long> targetRecords);

	/**
	 * Writes the rows as {@link LedgerStatus#INTENT} (inserting or replacing), counting
	 * an attempt; commits at once.
	 */
	void recordIntents(String job, List<LedgerEntry> intents);

	/**
	 * Writes the rows as {@link LedgerStatus#ATTACHED} (inserting or replacing; an intent
	 * keeps its hash), in the caller's transaction.
	 */
	void markAttached(String job, List<LedgerEntry> attached);

	/**
	 * Writes the rows as {@link LedgerStatus#SKIPPED} with their error, in the caller's
	 * transaction.
	 */
	void markSkipped(String job, List<LedgerEntry> skipped);

	/**
	 * Deletes the rows, in the caller's transaction: their files are no longer in the
	 * source record.
	 */
	void forget(String job, Collection<AttachmentRef> refs);

	/**
	 * Every row of a job, ordered by source record, field, row and position (reports,
	 * verification).
	 */
	List<LedgerEntry> all(String job);

	LedgerSummary summary(String job);

	/**
	 * The source records of {@code sourceApp} holding a SKIPPED row (or an INTENT row: an
	 * update a crash left undecided) of the job, in ascending order: what
	 * {@code migrate --retry-skipped} reads again.
	 */
	NavigableSet<Long> recordsToRetry(String job, long sourceApp);

}
