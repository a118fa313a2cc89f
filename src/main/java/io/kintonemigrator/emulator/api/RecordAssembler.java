package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.api.RecordPatch.RowPatch;
import io.kintonemigrator.emulator.api.RecordPatch.ValuePatch;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.emulator.store.UploadedFile;
import io.kintonemigrator.emulator.store.WriteTransaction;

import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link RecordPatch} to a record's values with kintone's update semantics
 * (kintone-api.md §2): fields not sent are kept; a FILE list replaces the field, where a
 * key is either a live upload key (consumed, and a new download key minted) or a download
 * key already on the same field of the same record (kept); a SUBTABLE list replaces the
 * rows, a row whose {@code id} matches an existing row is merged into it and any other
 * row is new.
 */
final class RecordAssembler {

	private final ApiSettings settings;

	private final AppDefinition app;

	private final WriteTransaction transaction;

	RecordAssembler(ApiCall call, AppDefinition app) {
		this.settings = call.settings();
		this.app = app;
		this.transaction = call.transaction();
	}

	/** The new values; {@code existing} is null for a new record. */
	Map<String, FieldValue> assemble(@Nullable StoredRecord existing, RecordPatch patch) {
		Map<String, FieldValue> values = new LinkedHashMap<>();
		for (FieldDefinition field : this.app.fields().values()) {
			FieldValue current = (existing != null) ? existing.values().get(field.code()) : null;
			ValuePatch change = patch.values().get(field.code());
			if (change == null) {
				values.put(field.code(), (current != null) ? current : empty(field));
			}
			else if (field.type() == FieldType.SUBTABLE) {
				values.put(field.code(), table(field, (existing != null) ? existing.rows(field.code()) : List.of(),
						(ValuePatch.Table) change));
			}
			else {
				values.put(field.code(), value(field, change, filesByKey(current)));
			}
		}
		return values;
	}

	private FieldValue.Table table(FieldDefinition table, List<StoredRow> existingRows, ValuePatch.Table change) {
		Map<Long, StoredRow> rowsById = new HashMap<>();
		Map<String, Map<String, StoredFile>> keepable = new HashMap<>();
		for (StoredRow row : existingRows) {
			rowsById.put(row.id(), row);
			row.values()
				.forEach((code, value) -> keepable.computeIfAbsent(code, (c) -> new HashMap<>())
					.putAll(filesByKey(value)));
		}
		List<StoredRow> rows = new ArrayList<>();
		for (RowPatch rowPatch : change.rows()) {
			StoredRow matched = (rowPatch.id() != null) ? rowsById.remove(rowPatch.id()) : null;
			Map<String, FieldValue> values = new LinkedHashMap<>();
			for (FieldDefinition inner : table.fields().values()) {
				ValuePatch innerChange = rowPatch.values().get(inner.code());
				FieldValue current = (matched != null) ? matched.values().get(inner.code()) : null;
				if (innerChange == null) {
					values.put(inner.code(), (current != null) ? current : empty(inner));
				}
				else {
					values.put(inner.code(), value(inner, innerChange, keepable.getOrDefault(inner.code(), Map.of())));
				}
			}
			long id = (matched != null) ? matched.id() : this.transaction.newRowId(this.app.id());
			rows.add(new StoredRow(id, values));
		}
		return new FieldValue.Table(rows);
	}

	private FieldValue value(FieldDefinition field, ValuePatch change, Map<String, StoredFile> keepable) {
		if (change instanceof ValuePatch.Files files) {
			return new FieldValue.Files(resolve(files.fileKeys(), keepable));
		}
		if (change instanceof ValuePatch.Options options) {
			return new FieldValue.Options(options.values());
		}
		if (change instanceof ValuePatch.Text text) {
			return new FieldValue.Text(text.value());
		}
		throw new IllegalStateException("unexpected value for " + field.type() + " field " + field.code());
	}

	private List<StoredFile> resolve(List<String> fileKeys, Map<String, StoredFile> keepable) {
		List<StoredFile> files = new ArrayList<>();
		Set<String> kept = new HashSet<>();
		for (String key : fileKeys) {
			StoredFile existing = keepable.get(key);
			if (existing != null && kept.add(key)) {
				files.add(existing);
				continue;
			}
			UploadedFile upload = this.transaction.claimUpload(key);
			if (upload != null) {
				files.add(new StoredFile(this.transaction.newDownloadKey(), upload.name(), upload.contentType(),
						upload.blob()));
			}
			else if (this.transaction.isConsumedUpload(key)) {
				throw new ApiException(this.settings.uploadKeyReused(), key);
			}
			else {
				throw new ApiException(this.settings.foreignFileKey(), key);
			}
		}
		return files;
	}

	private static Map<String, StoredFile> filesByKey(@Nullable FieldValue value) {
		Map<String, StoredFile> files = new HashMap<>();
		if (value instanceof FieldValue.Files stored) {
			stored.files().forEach((file) -> files.put(file.fileKey(), file));
		}
		return files;
	}

	static FieldValue empty(FieldDefinition field) {
		return switch (field.type()) {
			case FILE -> new FieldValue.Files(List.of());
			case SUBTABLE -> new FieldValue.Table(List.of());
			case CHECK_BOX, MULTI_SELECT -> new FieldValue.Options(List.of());
			default -> new FieldValue.Text("");
		};
	}

}
