package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

/**
 * Builds the update of one target record from its current state, following
 * {@code onExisting}. A target FILE cell (a top-level field, or a FILE column in one row)
 * holds files the job put there ("owned": the ledger's ATTACHED rows, found on the target
 * by name and size) and files the user put there:
 * <ul>
 * <li>replace: the cell ends up with exactly the source cell's files, in source order:
 * the owned copies that stay ({@code kept}, sent with their own record keys) and the new
 * uploads;</li>
 * <li>append: the cell keeps every file but the owned copies being removed, then gains
 * the new uploads;</li>
 * <li>skip: like append while the cell holds no user file; a cell with user files is left
 * alone and its new attachments are skipped.</li>
 * </ul>
 * Owned copies whose source file is gone ({@code removals}) are taken off whatever row of
 * the target column holds them, in every mode. With {@code replace}, a cell whose source
 * cell has no file ends up empty; a target row no source row pairs with keeps the user's
 * files.
 *
 * <p>
 * A SUBTABLE holding a mapped FILE column is sent whole: every row with its {@code id}
 * and all its writable values, the changed FILE values in place, because kintone deletes
 * the rows an update leaves out. Source rows pair with target rows through
 * {@link RowPairing}; a source row without a partner becomes a new row. Pure and
 * thread-safe.
 */
final class UpdatePlanner {

	/** Field types kintone computes itself; sending them back is refused or pointless. */
	private static final Set<String> READ_ONLY_TYPES = Set.of("CALC", "RECORD_NUMBER", "__ID__", "__REVISION__",
			"CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS", "STATUS_ASSIGNEE", "CATEGORY");

	private final OnExisting onExisting;

	UpdatePlanner(OnExisting onExisting) {
		this.onExisting = onExisting;
	}

	/**
	 * What goes to the target record: new uploads, owned copies that stay, owned copies
	 * to remove. {@code copies} names the target file that is the owned copy where the
	 * target holds several of the same name and size (found by content); elsewhere the
	 * first one is taken.
	 */
	record Changes(List<PendingAttachment> pending, List<SourceAttachment> kept, List<LedgerEntry> removals,
			Map<AttachmentRef, FileKey> copies, List<SourceItem.Cell> emptySourceCells) {

		Changes(List<PendingAttachment> pending, List<SourceAttachment> kept, List<LedgerEntry> removals) {
			this(pending, kept, removals, Map.of(), List.of());
		}

		boolean isEmpty() {
			return pending.isEmpty() && removals.isEmpty() && emptySourceCells.isEmpty();
		}

	}

	/**
	 * Finds the cell that holds an owned copy of {@code attachment} on {@code target}:
	 * true when the target still holds a file of its name and size where the attachment
	 * maps to.
	 */
	static boolean holdsCopy(KintoneRecord target, SourceAttachment attachment) {
		FieldPath to = attachment.mapping().to();
		if (!to.inSubtable()) {
			return target.files(to.field()).stream().anyMatch(f -> sameFile(f, attachment.file()));
		}
		return count(target, to, attachment.file().name(), attachment.file().size()) > 0;
	}

	RecordPlan plan(KintoneRecord target, Changes changes) {
		Map<String, Cell> topLevel = new LinkedHashMap<>();
		Map<String, Table> tables = new LinkedHashMap<>();
		List<RecordPlan.Skipped> skipped = new ArrayList<>();
		for (SourceAttachment kept : changes.kept()) {
			cellFor(target, kept, topLevel, tables).keep(kept, changes.copies().get(kept.ref()));
		}
		for (LedgerEntry removal : changes.removals()) {
			FieldPath to = FieldPath.parse(Objects.requireNonNull(removal.targetField()));
			if (to.inSubtable()) {
				tables.computeIfAbsent(to.table(), code -> new Table(target.rows(code)))
					.remove(to.field(), removal, changes.copies().get(removal.ref()));
			}
			else {
				topLevel.computeIfAbsent(to.field(), code -> new Cell(target.files(code)))
					.remove(removal, changes.copies().get(removal.ref()));
			}
		}
		if (onExisting == OnExisting.REPLACE) {
			for (SourceItem.Cell empty : changes.emptySourceCells()) {
				FieldPath to = empty.mapping().to();
				if (!to.inSubtable()) {
					topLevel.computeIfAbsent(to.field(), code -> new Cell(target.files(code))).empty();
				}
				else {
					tables.computeIfAbsent(to.table(), code -> new Table(target.rows(code))).empty(empty, to.field());
				}
			}
		}
		List<PendingAttachment> added = new ArrayList<>();
		for (PendingAttachment item : changes.pending()) {
			Cell cell = cellFor(target, item.attachment(), topLevel, tables);
			if (onExisting == OnExisting.SKIP && cell.holdsUserFiles()) {
				skipped.add(new RecordPlan.Skipped(item.attachment(), "target field " + item.attachment().mapping().to()
						+ " already holds files (onExisting: skip)"));
				continue;
			}
			cell.add(item);
			added.add(item);
		}
		Map<String, FieldUpdate> fields = new LinkedHashMap<>();
		topLevel.forEach((code, cell) -> {
			if (cell.touched(onExisting)) {
				fields.put(code, new FieldUpdate.Files(cell.keys(onExisting)));
			}
		});
		tables.forEach((code, table) -> {
			if (table.touched(onExisting)) {
				fields.put(code, table.toUpdate(onExisting));
			}
		});
		List<RecordPlan.Planned> planned = new ArrayList<>();
		for (PendingAttachment item : added) {
			FieldPath to = item.attachment().mapping().to();
			List<Entry> finalFiles = to.inSubtable() ? tables.get(to.table()).column(to.field(), onExisting)
					: topLevel.get(to.field()).finalEntries(onExisting);
			FileInfo file = item.attachment().file();
			int expected = (int) finalFiles.stream()
				.filter(e -> e.name().equals(file.name()) && e.size() == file.size())
				.count();
			planned.add(new RecordPlan.Planned(item, expected, finalFiles.size()));
		}
		RecordUpdate update = fields.isEmpty() ? null
				: new RecordUpdate(new RecordUpdate.RecordSelector.ById(target.id()), target.revision(), fields);
		return new RecordPlan(target.id(), target.revision(), update, planned, skipped);
	}

	private static Cell cellFor(KintoneRecord target, SourceAttachment attachment, Map<String, Cell> topLevel,
			Map<String, Table> tables) {
		FieldPath to = attachment.mapping().to();
		if (to.inSubtable()) {
			return tables.computeIfAbsent(to.table(), code -> new Table(target.rows(code)))
				.cellFor(attachment, to.field());
		}
		return topLevel.computeIfAbsent(to.field(), code -> new Cell(target.files(code)));
	}

	/**
	 * How many files named {@code name} with {@code size} bytes the field (a FILE column:
	 * all rows) holds now.
	 */
	static int count(KintoneRecord target, FieldPath field, String name, long size) {
		return (int) files(target, field).stream().filter(f -> f.name().equals(name) && f.size() == size).count();
	}

	/** Every file of the field (a FILE column: all rows, in row order). */
	static List<FileInfo> files(KintoneRecord target, FieldPath field) {
		if (!field.inSubtable()) {
			return target.files(field.field());
		}
		List<FileInfo> files = new ArrayList<>();
		for (FieldValue.SubtableRow row : target.rows(field.table())) {
			if (row.fields().get(field.field()) instanceof FieldValue.Files f) {
				files.addAll(f.files());
			}
		}
		return files;
	}

	private static boolean sameFile(FileInfo file, FileInfo other) {
		return file.name().equals(other.name()) && file.size() == other.size();
	}

	private record Entry(FileKey key, String name, long size) {

		static Entry of(FileInfo file) {
			return new Entry(file.fileKey(), file.name(), file.size());
		}

	}

	/**
	 * One FILE value being rebuilt: its files now, which of them are owned, and the files
	 * it gains.
	 */
	private static final class Cell {

		private final List<Entry> existing = new ArrayList<>();

		/**
		 * Existing files found to be owned copies that stay, by the source position they
		 * stand for.
		 */
		private final Map<Entry, Integer> kept = new LinkedHashMap<>();

		/** Existing files found to be owned copies to remove. */
		private final List<Entry> removed = new ArrayList<>();

		/** New uploads, by source position. */
		private final List<Map.Entry<Integer, Entry>> added = new ArrayList<>();

		/** replace, and the source cell has no file: the cell ends up empty. */
		private boolean emptied;

		Cell(List<FileInfo> current) {
			current.forEach(file -> existing.add(Entry.of(file)));
		}

		void keep(SourceAttachment attachment, @Nullable FileKey key) {
			Entry copy = unclaimed(attachment.file().name(), attachment.file().size(), key);
			if (copy != null) {
				kept.put(copy, attachment.fileIndex());
			}
		}

		boolean remove(LedgerEntry removal, @Nullable FileKey key) {
			Entry copy = unclaimed(removal.fileName(), removal.size(), key);
			if (copy == null) {
				return false;
			}
			removed.add(copy);
			return true;
		}

		void add(PendingAttachment item) {
			added.add(Map.entry(item.attachment().fileIndex(),
					new Entry(item.uploadKey(), item.attachment().file().name(), item.attachment().file().size())));
		}

		/**
		 * The file of that name and size not yet claimed: the one with {@code key} when
		 * given, else the first.
		 */
		private @Nullable Entry unclaimed(String name, long size, @Nullable FileKey key) {
			for (Entry entry : existing) {
				if (entry.name().equals(name) && entry.size() == size && (key == null || key.equals(entry.key()))
						&& !kept.containsKey(entry) && !removed.contains(entry)) {
					return entry;
				}
			}
			return null;
		}

		void empty() {
			emptied = true;
		}

		boolean holdsUserFiles() {
			return existing.stream().anyMatch(entry -> !kept.containsKey(entry) && !removed.contains(entry));
		}

		/**
		 * Whether the cell changes; under replace also when its owned copies only change
		 * order.
		 */
		boolean touched(OnExisting mode) {
			if (!added.isEmpty() || !removed.isEmpty() || (emptied && !existing.isEmpty())) {
				return true;
			}
			return mode == OnExisting.REPLACE && !kept.isEmpty() && !placed().equals(existing);
		}

		/** replace: the kept copies and the new uploads, in source order. */
		private List<Entry> placed() {
			List<Map.Entry<Integer, Entry>> placed = new ArrayList<>(added);
			kept.forEach((entry, position) -> placed.add(Map.entry(position, entry)));
			placed.sort(Comparator.comparing(Map.Entry::getKey));
			return placed.stream().map(Map.Entry::getValue).toList();
		}

		List<Entry> finalEntries(OnExisting mode) {
			if (!touched(mode)) {
				return existing;
			}
			if (mode == OnExisting.REPLACE) {
				return placed();
			}
			List<Entry> all = new ArrayList<>(existing);
			all.removeAll(removed);
			added.forEach(a -> all.add(a.getValue()));
			return all;
		}

		List<FileKey> keys(OnExisting mode) {
			return finalEntries(mode).stream().map(Entry::key).toList();
		}

	}

	/** A SUBTABLE being rebuilt: its current rows (in order), then any new rows. */
	private static final class Table {

		private final List<RowBuilder> rows = new ArrayList<>();

		private final RowPairing pairing;

		Table(List<FieldValue.SubtableRow> current) {
			for (FieldValue.SubtableRow row : current) {
				rows.add(new RowBuilder(row.id(), row.fields()));
			}
			this.pairing = new RowPairing(current);
		}

		Cell cellFor(SourceAttachment attachment, String column) {
			RowBuilder row = partner(attachment);
			return row.cell(column);
		}

		/**
		 * replace: the FILE column of the row paired with an empty source cell ends up
		 * empty.
		 */
		void empty(SourceItem.Cell source, String column) {
			int index = pairing.partnerOf(source.mapping().targetRowKey(), source.rowIndex(), source.rowKeyValue());
			if (index >= 0) {
				rows.get(index).cell(column).empty();
			}
		}

		void remove(String column, LedgerEntry removal, @Nullable FileKey key) {
			for (RowBuilder row : rows) {
				if (row.id != null && row.cell(column).remove(removal, key)) {
					return;
				}
			}
		}

		private RowBuilder partner(SourceAttachment attachment) {
			FileMapping mapping = attachment.mapping();
			String sourceRow = attachment.rowId();
			for (RowBuilder row : rows) {
				if (Objects.equals(row.sourceRow, sourceRow) && Objects.equals(row.mapping, mapping.from().table())) {
					return row;
				}
			}
			int index = pairing.partnerOf(attachment);
			RowBuilder partner = index >= 0 ? rows.get(index) : null;
			if (partner == null) {
				partner = new RowBuilder(null, Map.of());
				if (mapping.targetRowKey() != null) {
					partner.newValues.put(mapping.targetRowKey(), new FieldUpdate.Plain(attachment.rowKeyValue()));
				}
				rows.add(partner);
			}
			partner.sourceRow = sourceRow;
			partner.mapping = mapping.from().table();
			return partner;
		}

		boolean touched(OnExisting mode) {
			return rows.stream().anyMatch(row -> row.cells.values().stream().anyMatch(cell -> cell.touched(mode)));
		}

		List<Entry> column(String code, OnExisting mode) {
			List<Entry> all = new ArrayList<>();
			for (RowBuilder row : rows) {
				Cell cell = row.cells.get(code);
				if (cell != null) {
					all.addAll(cell.finalEntries(mode));
				}
				else if (row.current.get(code) instanceof FieldValue.Files f) {
					f.files().forEach(file -> all.add(Entry.of(file)));
				}
			}
			return all;
		}

		FieldUpdate.Subtable toUpdate(OnExisting mode) {
			List<FieldUpdate.Row> result = new ArrayList<>();
			for (RowBuilder row : rows) {
				if (row.id == null && row.cells.values().stream().noneMatch(cell -> cell.touched(mode))) {
					continue; // a new row whose files were all skipped
				}
				result.add(row.toUpdate(mode));
			}
			return new FieldUpdate.Subtable(result);
		}

	}

	/** One SUBTABLE row being rebuilt, with every writable value it has now. */
	private static final class RowBuilder {

		private final @Nullable String id;

		private final Map<String, FieldValue> current;

		private final Map<String, FieldUpdate> newValues = new LinkedHashMap<>();

		private final Map<String, Cell> cells = new LinkedHashMap<>();

		private @Nullable String sourceRow;

		private @Nullable String mapping;

		RowBuilder(@Nullable String id, Map<String, FieldValue> current) {
			this.id = id;
			this.current = current;
		}

		Cell cell(String column) {
			return cells.computeIfAbsent(column,
					code -> new Cell(current.get(code) instanceof FieldValue.Files f ? f.files() : List.of()));
		}

		FieldUpdate.Row toUpdate(OnExisting mode) {
			Map<String, FieldUpdate> fields = new LinkedHashMap<>();
			current.forEach((code, value) -> {
				if (value instanceof FieldValue.Files files) {
					fields.put(code, new FieldUpdate.Files(files.files().stream().map(FileInfo::fileKey).toList()));
				}
				else if (value instanceof FieldValue.Plain plain && !READ_ONLY_TYPES.contains(plain.type())) {
					fields.put(code, new FieldUpdate.Plain(plain.value()));
				}
			});
			fields.putAll(newValues);
			cells.forEach((code, cell) -> {
				if (cell.touched(mode)) {
					fields.put(code, new FieldUpdate.Files(cell.keys(mode)));
				}
			});
			return new FieldUpdate.Row(id, fields);
		}

	}

}
