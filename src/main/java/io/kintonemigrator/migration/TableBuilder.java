package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

/**
 * A target SUBTABLE being rebuilt by the {@link UpdatePlanner}: its current rows, in
 * order, then any new rows. It is sent whole, every row with its {@code id} and all its
 * writable values and the changed FILE values in place, because kintone deletes the rows
 * an update leaves out. A source row pairs with a target row through {@link RowPairing};
 * a source row without a partner becomes a new row (with its {@code rowKey} value). Not
 * thread-safe; lives for one plan.
 */
final class TableBuilder {

	/** Field types kintone computes itself; sending them back is refused or pointless. */
	private static final Set<String> READ_ONLY_TYPES = Set.of("CALC", "RECORD_NUMBER", "__ID__", "__REVISION__",
			"CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS", "STATUS_ASSIGNEE", "CATEGORY");

	private final List<RowBuilder> rows = new ArrayList<>();

	private final RowPairing pairing;

	TableBuilder(List<FieldValue.SubtableRow> current) {
		for (FieldValue.SubtableRow row : current) {
			rows.add(new RowBuilder(row.id(), row.fields()));
		}
		this.pairing = new RowPairing(current);
	}

	/** The cell of {@code column} in the row the attachment's source row pairs with. */
	CellBuilder cellFor(SourceAttachment attachment, String column) {
		RowBuilder row = partner(attachment);
		return row.cell(column);
	}

	/**
	 * replace: the FILE column of the row paired with an empty source cell ends up empty.
	 */
	void empty(SourceItem.Cell source, String column) {
		int index = pairing.partnerOf(source.mapping().targetRowKey(), source.rowIndex(), source.rowKeyValue());
		if (index >= 0) {
			rows.get(index).cell(column).empty();
		}
	}

	/** Takes an owned copy off whatever existing row of the column holds it. */
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

	/** Every file of the FILE column once the update is applied, in row order. */
	List<CellBuilder.Entry> column(String code, OnExisting mode) {
		List<CellBuilder.Entry> all = new ArrayList<>();
		for (RowBuilder row : rows) {
			CellBuilder cell = row.cells.get(code);
			if (cell != null) {
				all.addAll(cell.finalEntries(mode));
			}
			else if (row.current.get(code) instanceof FieldValue.Files f) {
				f.files().forEach(file -> all.add(CellBuilder.Entry.of(file)));
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

	/** One SUBTABLE row being rebuilt, with every writable value it has now. */
	private static final class RowBuilder {

		private final @Nullable String id;

		private final Map<String, FieldValue> current;

		private final Map<String, FieldUpdate> newValues = new LinkedHashMap<>();

		private final Map<String, CellBuilder> cells = new LinkedHashMap<>();

		private @Nullable String sourceRow;

		private @Nullable String mapping;

		RowBuilder(@Nullable String id, Map<String, FieldValue> current) {
			this.id = id;
			this.current = current;
		}

		CellBuilder cell(String column) {
			return cells.computeIfAbsent(column,
					code -> new CellBuilder(current.get(code) instanceof FieldValue.Files f ? f.files() : List.of()));
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
