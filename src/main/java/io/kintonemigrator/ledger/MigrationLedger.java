package io.kintonemigrator.ledger;

import java.util.Collection;
import java.util.List;

/**
 * The attachment ledger of a job: one row per source attachment (see {@code sql/ledger-*.sql}).
 *
 * <p>Transactions: {@link #recordIntents} commits at once in its own transaction, even when
 * called inside a chunk, because the intent must survive a crash that happens after kintone
 * accepted the update. {@link #markAttached} and {@link #markSkipped} join the caller's
 * transaction, so in a chunk they commit together with the reader's checkpoint, or not at all.
 * Implementations are thread-safe.
 */
public interface MigrationLedger {

	/** Every row of the given source records. */
	List<LedgerEntry> entries(String job, long sourceApp, Collection<Long> sourceRecords);

	/** Writes the rows as {@link LedgerStatus#INTENT} (inserting or replacing), counting an attempt; commits at once. */
	void recordIntents(String job, List<LedgerEntry> intents);

	/** Marks the attachments {@link LedgerStatus#ATTACHED}, in the caller's transaction. */
	void markAttached(String job, Collection<AttachmentRef> refs);

	/** Writes the rows as {@link LedgerStatus#SKIPPED} with their error, in the caller's transaction. */
	void markSkipped(String job, List<LedgerEntry> skipped);

	/**
	 * Writes the rows as {@link LedgerStatus#ATTACHED} (inserting or replacing), in the caller's
	 * transaction: an incremental run found these files already on their target record.
	 */
	void markPresent(String job, List<LedgerEntry> present);

	/** Deletes the rows, in the caller's transaction: their files are no longer in the source record. */
	void forget(String job, Collection<AttachmentRef> refs);

	/** Every row of a job, ordered by source record, field, row and index (reports, verification). */
	List<LedgerEntry> all(String job);

	LedgerSummary summary(String job);

}
