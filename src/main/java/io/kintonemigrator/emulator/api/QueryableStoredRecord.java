package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.query.QueryableRecord;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;

import org.jspecify.annotations.Nullable;

/**
 * A stored record in the wire format the query evaluator expects (see
 * {@link QueryableRecord}).
 */
final class QueryableStoredRecord implements QueryableRecord {

	private final AppDefinition app;

	private final StoredRecord record;

	QueryableStoredRecord(AppDefinition app, StoredRecord record) {
		this.app = app;
		this.record = record;
	}

	StoredRecord record() {
		return this.record;
	}

	@Override
	public List<String> values(String fieldCode) {
		FieldType system = this.app.systemFields().typeOf(fieldCode);
		if (system != null) {
			switch (system) {
				case __ID__, RECORD_NUMBER:
					return List.of(Long.toString(this.record.id()));
				case __REVISION__:
					return List.of(Long.toString(this.record.revision()));
				case CREATOR:
					return List.of(this.record.creator().code());
				case MODIFIER:
					return List.of(this.record.modifier().code());
				case CREATED_TIME:
					return List.of(RecordJson.time(this.record.createdAt()));
				case UPDATED_TIME:
					return List.of(RecordJson.time(this.record.updatedAt()));
				default:
					break;
			}
		}
		if (this.app.field(fieldCode) != null) {
			return valuesOf(this.record.values().get(fieldCode));
		}
		List<String> values = new ArrayList<>();
		for (FieldDefinition table : this.app.fields().values()) {
			if (table.fields().containsKey(fieldCode)) {
				for (StoredRow row : this.record.rows(table.code())) {
					values.addAll(valuesOf(row.values().get(fieldCode)));
				}
			}
		}
		return values;
	}

	private static List<String> valuesOf(@Nullable FieldValue value) {
		if (value instanceof FieldValue.Text text) {
			return List.of(text.value());
		}
		if (value instanceof FieldValue.Options options) {
			return options.values();
		}
		if (value instanceof FieldValue.Files files) {
			return files.files().stream().map(StoredFile::name).toList();
		}
		return (value == null) ? List.of("") : List.of();
	}

}
