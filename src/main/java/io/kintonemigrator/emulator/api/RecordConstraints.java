package io.kintonemigrator.emulator.api;

import java.util.Map;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.WriteTransaction;

/**
 * Required and unique ("重複禁止") checks on a record's new values. {@code ""} is never a
 * duplicate and a record never duplicates itself. Errors go under
 * {@code <prefix><code>.value} ({@code .values} for list and FILE fields).
 */
final class RecordConstraints {

	private RecordConstraints() {
	}

	static void check(WriteTransaction transaction, AppDefinition app, long recordId, Map<String, FieldValue> values,
			String prefix, ValidationErrors errors) {
		for (FieldDefinition field : app.fields().values()) {
			FieldValue value = values.get(field.code());
			if (field.required() && isEmpty(value)) {
				boolean list = value instanceof FieldValue.Files || value instanceof FieldValue.Options;
				errors.add(prefix + field.code() + (list ? ".values" : ".value"), LocalizedText.REQUIRED);
			}
			if (field.unique() && value instanceof FieldValue.Text text && !text.value().isEmpty()) {
				for (StoredRecord other : transaction.findByText(app.id(), field.code(), text.value())) {
					if (other.id() != recordId) {
						errors.add(prefix + field.code() + ".value", LocalizedText.DUPLICATE);
						break;
					}
				}
			}
		}
	}

	private static boolean isEmpty(FieldValue value) {
		if (value instanceof FieldValue.Text text) {
			return text.value().isEmpty();
		}
		if (value instanceof FieldValue.Options options) {
			return options.values().isEmpty();
		}
		if (value instanceof FieldValue.Files files) {
			return files.files().isEmpty();
		}
		return false;
	}

}
