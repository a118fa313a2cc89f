package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

/**
 * What a chunk decided, written to the ledger in the chunk transaction (so it commits
 * with the reader's checkpoint): rows to mark ATTACHED, rows to mark SKIPPED, rows to
 * delete. An attachment skipped after it was counted attached is taken out of the
 * attached ones. Not thread-safe.
 */
final class ChunkOutcome {

	private final LedgerRows rows;

	final List<LedgerEntry> attached = new ArrayList<>();

	final List<LedgerEntry> skipped = new ArrayList<>();

	/**
	 * ATTACHED rows rewritten only to record where their file now stands in the source
	 * (not counted as moved).
	 */
	final List<LedgerEntry> refreshed = new ArrayList<>();

	final Set<AttachmentRef> forgotten = new LinkedHashSet<>();

	ChunkOutcome(LedgerRows rows) {
		this.rows = rows;
	}

	void attach(LedgerEntry entry) {
		attached.removeIf(e -> e.ref().equals(entry.ref()));
		attached.add(entry);
	}

	boolean isAttached(AttachmentRef ref) {
		return attached.stream().anyMatch(entry -> entry.ref().equals(ref));
	}

	void skip(Collection<SourceAttachment> attachments, @Nullable Long targetRecord, String reason) {
		for (SourceAttachment attachment : attachments) {
			attached.removeIf(entry -> entry.ref().equals(attachment.ref()));
			skipped.add(rows.skipped(attachment, targetRecord, reason));
		}
	}

	Set<Long> skippedRecords() {
		Set<Long> records = new LinkedHashSet<>();
		skipped.forEach(entry -> records.add(entry.ref().sourceRecord()));
		return records;
	}

}
