package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.MigrationLedger;

import org.jspecify.annotations.Nullable;

/**
 * The writer's first step: which of a chunk's source records need work. Reads their
 * ledger rows in one query, by identity (cell, name, size, occurrence: never by
 * position). A record whose attachments are all done and that has no other row is left
 * alone (an incremental run opens every record it reads again); a record that cannot be
 * written (no match key, a table whose {@code rowKey} values repeat) is skipped with the
 * reason into the chunk's {@link ChunkOutcome}. Only reads the ledger; not thread-safe.
 */
final class ChunkTriage {

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final LedgerRows rows;

	private final boolean reopenEarlierRuns;

	ChunkTriage(JobConfig config, MigrationLedger ledger, LedgerRows rows, boolean reopenEarlierRuns) {
		this.config = config;
		this.ledger = ledger;
		this.rows = rows;
		this.reopenEarlierRuns = reopenEarlierRuns;
	}

	/**
	 * The records with something to look at: anything not done, any row not about a
	 * current attachment.
	 */
	List<RecordWork> openWork(List<? extends SourceItem> items, ChunkOutcome outcome) {
		Map<Long, List<LedgerEntry>> byRecord = ledger
			.entries(config.name(), config.source().app().value(),
					items.stream().map(SourceItem::sourceRecord).toList())
			.stream()
			.collect(Collectors.groupingBy(entry -> entry.ref().sourceRecord()));
		List<RecordWork> works = new ArrayList<>();
		for (SourceItem item : items) {
			RecordWork work = new RecordWork(item, byRecord.getOrDefault(item.sourceRecord(), List.of()));
			if (!needsWork(work)) {
				continue;
			}
			String problem = item.matchKey() == null
					? "source field " + config.match().source() + " is empty, so no target record can match"
					: repeatedRowKey(item);
			if (problem != null) {
				outcome.skip(item.attachments(), null, problem);
				continue;
			}
			works.add(work);
		}
		return works;
	}

	private boolean needsWork(RecordWork work) {
		if (config.onExisting() == OnExisting.REPLACE && work.item.cells().stream().anyMatch(SourceItem.Cell::empty)) {
			return true; // the target cells paired with empty source cells must end up
							// empty
		}
		if (reopenEarlierRuns || (work.item.attachments().isEmpty() && work.rows.isEmpty())) {
			// a record without files comes here only when the ledger has rows for it
			return !work.item.attachments().isEmpty() || !work.rows.isEmpty();
		}
		Set<AttachmentRef> current = new HashSet<>();
		for (SourceAttachment attachment : work.item.attachments()) {
			current.add(attachment.ref());
			LedgerEntry row = work.rows.get(attachment.ref());
			if (row == null || !(rows.attachedHere(row, attachment) || rows.skipStands(row, attachment))) {
				return true;
			}
			if (row.fileIndex() != attachment.fileIndex() && config.onExisting() == OnExisting.REPLACE) {
				return true; // the source's files changed order: replace keeps the
								// source's order
			}
		}
		return !current.containsAll(work.rows.keySet());
	}

	/**
	 * Rows of one table that share a {@code rowKey} value cannot be paired: the record is
	 * skipped.
	 */
	private @Nullable String repeatedRowKey(SourceItem item) {
		Map<String, List<SourceAttachment>> byTable = new LinkedHashMap<>();
		for (SourceAttachment attachment : item.attachments()) {
			if (attachment.mapping().rowKey() != null) {
				byTable.computeIfAbsent(attachment.mapping().from().table(), t -> new ArrayList<>()).add(attachment);
			}
		}
		for (List<SourceAttachment> attachments : byTable.values()) {
			Map<Object, String> rowByKey = new LinkedHashMap<>();
			for (SourceAttachment attachment : attachments) {
				String other = attachment.rowKeyValue() == null ? null
						: rowByKey.putIfAbsent(attachment.rowKeyValue(), String.valueOf(attachment.rowId()));
				if (other != null && !other.equals(String.valueOf(attachment.rowId()))) {
					return "two rows of source table " + attachment.mapping().from().table() + " have "
							+ attachment.mapping().rowKey() + " = " + attachment.rowKeyValue()
							+ ", so their files cannot be paired with target rows; make the values unique";
				}
			}
		}
		return null;
	}

}
