package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

/**
 * What the writer does for one source record in a chunk: its ledger rows, its target
 * record, and what changes on the target (new uploads, owned copies that stay, owned
 * copies to remove). Not thread-safe.
 */
final class RecordWork {

	final SourceItem item;

	/**
	 * Every ledger row of the source record, by identity; reconciled intents are turned
	 * into ATTACHED rows.
	 */
	final Map<AttachmentRef, LedgerEntry> rows = new LinkedHashMap<>();

	/**
	 * Rows whose intent was found applied on the target: written as ATTACHED with the
	 * chunk.
	 */
	final Set<AttachmentRef> reconciled = new HashSet<>();

	/**
	 * Attachments to attach in this chunk (moved now, or an earlier upload key reused).
	 */
	final Set<SourceAttachment> open = new LinkedHashSet<>();

	final List<PendingAttachment> pending = new ArrayList<>();

	final List<SourceAttachment> kept = new ArrayList<>();

	final List<LedgerEntry> removals = new ArrayList<>();

	/**
	 * Which target file is the job's copy, where the target holds several of the same
	 * name and size.
	 */
	final Map<AttachmentRef, FileKey> copies = new LinkedHashMap<>();

	@Nullable KintoneRecord target;

	RecordWork(SourceItem item, List<LedgerEntry> rows) {
		this.item = item;
		rows.forEach(row -> this.rows.put(row.ref(), row));
	}

	long sourceRecord() {
		return item.sourceRecord();
	}

	KintoneRecord target() {
		if (target == null) {
			throw new IllegalStateException("no target record resolved for source record " + item.sourceRecord());
		}
		return target;
	}

	/**
	 * The changes to plan; pending attachments in source order; the empty source cells
	 * when they count.
	 */
	UpdatePlanner.Changes changes(boolean withEmptyCells) {
		List<PendingAttachment> ordered = new ArrayList<>(pending);
		ordered.sort(Comparator.comparingInt(p -> item.attachments().indexOf(p.attachment())));
		return new UpdatePlanner.Changes(ordered, kept, removals, copies,
				withEmptyCells ? item.cells().stream().filter(SourceItem.Cell::empty).toList() : List.of());
	}

}
