package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;

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
 * A top-level FILE field is rebuilt by a {@link CellBuilder}; a SUBTABLE holding a mapped
 * FILE column by a {@link TableBuilder}, which sends it whole. The plan also says, per
 * attachment carried, how many files of its name and size, and in all, its target field
 * will hold once the update is applied: the writer commits these with its INTENT rows,
 * and {@link UpdateProof} checks them after a crash or a revision conflict. Sends
 * nothing, persists nothing; thread-safe (each plan builds its own cells).
 */
final class UpdatePlanner {

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
		Map<String, CellBuilder> topLevel = new LinkedHashMap<>();
		Map<String, TableBuilder> tables = new LinkedHashMap<>();
		List<RecordPlan.Skipped> skipped = new ArrayList<>();
		for (SourceAttachment kept : changes.kept()) {
			cellFor(target, kept, topLevel, tables).keep(kept, changes.copies().get(kept.ref()));
		}
		for (LedgerEntry removal : changes.removals()) {
			FieldPath to = FieldPath.parse(Objects.requireNonNull(removal.targetField()));
			if (to.inSubtable()) {
				tables.computeIfAbsent(to.table(), code -> new TableBuilder(target.rows(code)))
					.remove(to.field(), removal, changes.copies().get(removal.ref()));
			}
			else {
				topLevel.computeIfAbsent(to.field(), code -> new CellBuilder(target.files(code)))
					.remove(removal, changes.copies().get(removal.ref()));
			}
		}
		if (onExisting == OnExisting.REPLACE) {
			for (SourceItem.Cell empty : changes.emptySourceCells()) {
				FieldPath to = empty.mapping().to();
				if (!to.inSubtable()) {
					topLevel.computeIfAbsent(to.field(), code -> new CellBuilder(target.files(code))).empty();
				}
				else {
					tables.computeIfAbsent(to.table(), code -> new TableBuilder(target.rows(code)))
						.empty(empty, to.field());
				}
			}
		}
		List<PendingAttachment> added = new ArrayList<>();
		for (PendingAttachment item : changes.pending()) {
			CellBuilder cell = cellFor(target, item.attachment(), topLevel, tables);
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
			List<CellBuilder.Entry> finalFiles = to.inSubtable() ? tables.get(to.table()).column(to.field(), onExisting)
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

	private static CellBuilder cellFor(KintoneRecord target, SourceAttachment attachment,
			Map<String, CellBuilder> topLevel, Map<String, TableBuilder> tables) {
		FieldPath to = attachment.mapping().to();
		if (to.inSubtable()) {
			return tables.computeIfAbsent(to.table(), code -> new TableBuilder(target.rows(code)))
				.cellFor(attachment, to.field());
		}
		return topLevel.computeIfAbsent(to.field(), code -> new CellBuilder(target.files(code)));
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

}
