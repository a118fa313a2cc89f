package io.kintonemigrator.migration;

import java.util.ArrayList;
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

import org.jspecify.annotations.Nullable;

/**
 * Builds the update of one target record from its current state and the attachments to add,
 * following {@code onExisting}: replace (the field ends up with exactly the source's files),
 * append (the field's own download keys are sent again, then the new upload keys), skip (a field
 * that already holds files is left alone).
 *
 * <p>A SUBTABLE holding a mapped FILE column is sent whole: every row with its {@code id} and all
 * its writable values, the changed FILE values in place, because kintone deletes the rows an
 * update leaves out. Source rows pair with target rows by the {@code rowKey} column's value, or by
 * position; a source row without a partner becomes a new row. Pure and thread-safe.
 */
final class UpdatePlanner {

	/** Field types kintone computes itself; sending them back is refused or pointless. */
	private static final Set<String> READ_ONLY_TYPES = Set.of("CALC", "RECORD_NUMBER", "__ID__", "__REVISION__",
			"CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS", "STATUS_ASSIGNEE", "CATEGORY");

	private final OnExisting onExisting;

	UpdatePlanner(OnExisting onExisting) {
		this.onExisting = onExisting;
	}

	RecordPlan plan(KintoneRecord target, List<PendingAttachment> pending) {
		Map<String, Cell> topLevel = new LinkedHashMap<>();
		Map<String, Table> tables = new LinkedHashMap<>();
		List<RecordPlan.Skipped> skipped = new ArrayList<>();
		List<Added> added = new ArrayList<>();
		for (PendingAttachment item : pending) {
			SourceAttachment attachment = item.attachment();
			FieldPath to = attachment.mapping().to();
			Cell cell;
			if (to.inSubtable()) {
				Table table = tables.computeIfAbsent(to.table(), code -> new Table(target.rows(code)));
				cell = table.cellFor(attachment, to.field());
			}
			else {
				cell = topLevel.computeIfAbsent(to.field(), code -> new Cell(target.files(code)));
			}
			if (!cell.accepts(onExisting)) {
				skipped.add(new RecordPlan.Skipped(attachment,
						"target field " + to + " already holds files (onExisting: skip)"));
				continue;
			}
			cell.added.add(new Entry(item.uploadKey(), attachment.file().name(), attachment.file().size()));
			added.add(new Added(item, cell));
		}
		Map<String, FieldUpdate> fields = new LinkedHashMap<>();
		topLevel.forEach((code, cell) -> {
			if (cell.touched && !cell.blocked) {
				fields.put(code, new FieldUpdate.Files(cell.keys()));
			}
		});
		tables.forEach((code, table) -> {
			if (table.touched()) {
				fields.put(code, table.toUpdate());
			}
		});
		List<RecordPlan.Planned> planned = new ArrayList<>();
		for (Added a : added) {
			FieldPath to = a.pending().attachment().mapping().to();
			List<Entry> finalFiles = to.inSubtable() ? tables.get(to.table()).column(to.field())
					: topLevel.get(to.field()).finalEntries();
			FileInfo file = a.pending().attachment().file();
			int expected = (int) finalFiles.stream()
				.filter(e -> e.name().equals(file.name()) && e.size() == file.size())
				.count();
			planned.add(new RecordPlan.Planned(a.pending(), expected));
		}
		RecordUpdate update = fields.isEmpty() ? null
				: new RecordUpdate(new RecordUpdate.RecordSelector.ById(target.id()), target.revision(), fields);
		return new RecordPlan(target.id(), target.revision(), update, planned, skipped);
	}

	/** How many files named {@code name} with {@code size} bytes the field (a FILE column: all rows) holds now. */
	static int count(KintoneRecord target, FieldPath field, String name, long size) {
		List<FileInfo> files = new ArrayList<>();
		if (field.inSubtable()) {
			for (FieldValue.SubtableRow row : target.rows(field.table())) {
				if (row.fields().get(field.field()) instanceof FieldValue.Files f) {
					files.addAll(f.files());
				}
			}
		}
		else {
			files.addAll(target.files(field.field()));
		}
		return (int) files.stream().filter(f -> f.name().equals(name) && f.size() == size).count();
	}

	private record Added(PendingAttachment pending, Cell cell) {
	}

	private record Entry(FileKey key, String name, long size) {
	}

	/** One FILE value being rebuilt: the files it keeps and the files it gains. */
	private static final class Cell {

		private final List<Entry> existing = new ArrayList<>();

		private final List<Entry> kept = new ArrayList<>();

		private final List<Entry> added = new ArrayList<>();

		private boolean touched;

		private boolean blocked;

		Cell(List<FileInfo> current) {
			for (FileInfo file : current) {
				existing.add(new Entry(file.fileKey(), file.name(), file.size()));
			}
		}

		boolean accepts(OnExisting mode) {
			if (!touched) {
				touched = true;
				blocked = mode == OnExisting.SKIP && !existing.isEmpty();
				if (mode == OnExisting.APPEND) {
					kept.addAll(existing);
				}
			}
			return !blocked;
		}

		List<Entry> finalEntries() {
			if (!touched || blocked) {
				return existing;
			}
			List<Entry> all = new ArrayList<>(kept);
			all.addAll(added);
			return all;
		}

		List<FileKey> keys() {
			return finalEntries().stream().map(Entry::key).toList();
		}

	}

	/** A SUBTABLE being rebuilt: its current rows (in order), then any new rows. */
	private static final class Table {

		private final List<RowBuilder> rows = new ArrayList<>();

		Table(List<FieldValue.SubtableRow> current) {
			for (FieldValue.SubtableRow row : current) {
				rows.add(new RowBuilder(row.id(), row.fields()));
			}
		}

		Cell cellFor(SourceAttachment attachment, String column) {
			RowBuilder row = partner(attachment);
			return row.cells.computeIfAbsent(column, code -> new Cell(
					row.current.get(code) instanceof FieldValue.Files f ? f.files() : List.of()));
		}

		private RowBuilder partner(SourceAttachment attachment) {
			FileMapping mapping = attachment.mapping();
			String sourceRow = attachment.rowId();
			for (RowBuilder row : rows) {
				if (Objects.equals(row.sourceRow, sourceRow) && Objects.equals(row.mapping, mapping.from().table())) {
					return row;
				}
			}
			RowBuilder partner = null;
			if (mapping.rowKey() != null) {
				for (RowBuilder row : rows) {
					if (row.id != null && attachment.rowKeyValue() != null
							&& Objects.equals(AttachmentExtractor.plainValue(row.current.get(mapping.rowKey())),
									attachment.rowKeyValue())) {
						partner = row;
						break;
					}
				}
			}
			else if (attachment.rowIndex() < rows.size() && rows.get(attachment.rowIndex()).id != null) {
				partner = rows.get(attachment.rowIndex());
			}
			if (partner == null) {
				partner = new RowBuilder(null, Map.of());
				if (mapping.rowKey() != null) {
					partner.newValues.put(mapping.rowKey(), new FieldUpdate.Plain(attachment.rowKeyValue()));
				}
				rows.add(partner);
			}
			partner.sourceRow = sourceRow;
			partner.mapping = mapping.from().table();
			return partner;
		}

		boolean touched() {
			return rows.stream().anyMatch(row -> row.cells.values().stream().anyMatch(cell -> cell.touched && !cell.blocked));
		}

		List<Entry> column(String code) {
			List<Entry> all = new ArrayList<>();
			for (RowBuilder row : rows) {
				Cell cell = row.cells.get(code);
				if (cell != null) {
					all.addAll(cell.finalEntries());
				}
				else if (row.current.get(code) instanceof FieldValue.Files f) {
					f.files().forEach(file -> all.add(new Entry(file.fileKey(), file.name(), file.size())));
				}
			}
			return all;
		}

		FieldUpdate.Subtable toUpdate() {
			List<FieldUpdate.Row> result = new ArrayList<>();
			for (RowBuilder row : rows) {
				if (row.id == null && row.cells.values().stream().noneMatch(cell -> cell.touched && !cell.blocked)) {
					continue; // a new row whose files were all skipped
				}
				result.add(row.toUpdate());
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

		FieldUpdate.Row toUpdate() {
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
				if (cell.touched && !cell.blocked) {
					fields.put(code, new FieldUpdate.Files(cell.keys()));
				}
			});
			return new FieldUpdate.Row(id, fields);
		}

	}

}
