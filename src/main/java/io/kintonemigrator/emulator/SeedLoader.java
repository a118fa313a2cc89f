package io.kintonemigrator.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.SeedValues.Options;
import io.kintonemigrator.emulator.SeedValues.SeedFile;
import io.kintonemigrator.emulator.file.FileStorage;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.store.EmulatorStore;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.emulator.store.UserRef;
import io.kintonemigrator.emulator.store.WriteTransaction;

/**
 * Applies an {@link EmulatorSeed} to the store: users, apps, then each app's records in
 * one transaction. A seed that does not fit its form fails with an
 * {@link IllegalArgumentException} naming app, record and field, and adds none of that
 * app's records.
 */
final class SeedLoader {

	private final EmulatorStore store;

	SeedLoader(EmulatorStore store) {
		this.store = store;
	}

	void apply(EmulatorSeed seed) {
		seed.users().forEach(this.store::addUser);
		for (AppSeed appSeed : seed.apps()) {
			AppDefinition app = appSeed.toDefinition(this.store.clock().instant());
			this.store.addApp(app);
			try (WriteTransaction transaction = this.store.beginWrite()) {
				int index = 0;
				for (RecordSeed record : appSeed.records()) {
					addRecord(transaction, app, record, index++);
				}
				transaction.commit();
			}
		}
	}

	private void addRecord(WriteTransaction transaction, AppDefinition app, RecordSeed seed, int index) {
		String where = "app " + app.id() + ", seeded record #" + (index + 1);
		Map<String, FieldValue> values = new LinkedHashMap<>();
		for (FieldDefinition field : app.fields().values()) {
			Object value = seed.values.get(field.code());
			values.put(field.code(), (value != null) ? value(transaction, app, field, value, where) : empty(field));
		}
		for (String code : seed.values.keySet()) {
			if (app.field(code) == null) {
				throw new IllegalArgumentException(where + ": the app has no field '" + code + "'");
			}
		}
		Instant created = (seed.createdAt() != null) ? seed.createdAt() : this.store.clock().instant();
		created = created.truncatedTo(ChronoUnit.MINUTES);
		long id = transaction.newRecordId(app.id());
		transaction.put(app.id(),
				new StoredRecord(id, 1, created, UserRef.API_TOKEN, created, UserRef.API_TOKEN, values));
	}

	private FieldValue value(WriteTransaction transaction, AppDefinition app, FieldDefinition field, Object value,
			String where) {
		String problem = where + ", field '" + field.code() + "' (" + field.type() + ")";
		if (field.type() == FieldType.SUBTABLE) {
			if (!(value instanceof List<?> list) || !list.stream().allMatch(RowSeed.class::isInstance)) {
				throw new IllegalArgumentException(problem + ": seed it with row(...)");
			}
			List<StoredRow> rows = new ArrayList<>();
			for (Object row : list) {
				RowSeed rowSeed = (RowSeed) row;
				Map<String, FieldValue> rowValues = new LinkedHashMap<>();
				for (FieldDefinition inner : field.fields().values()) {
					Object innerValue = rowSeed.values.get(inner.code());
					rowValues.put(inner.code(),
							(innerValue != null) ? value(transaction, app, inner, innerValue, where) : empty(inner));
				}
				for (String code : rowSeed.values.keySet()) {
					if (!field.fields().containsKey(code)) {
						throw new IllegalArgumentException(problem + ": the table has no field '" + code + "'");
					}
				}
				rows.add(new StoredRow(transaction.newRowId(app.id()), rowValues));
			}
			return new FieldValue.Table(rows);
		}
		if (field.type() == FieldType.FILE) {
			if (!(value instanceof List<?> list) || !list.stream().allMatch(SeedFile.class::isInstance)) {
				throw new IllegalArgumentException(problem + ": seed it with file(...)");
			}
			FileStorage storage = this.store.fileStorage();
			List<StoredFile> files = new ArrayList<>();
			for (Object file : list) {
				SeedFile seedFile = (SeedFile) file;
				files.add(new StoredFile(transaction.newDownloadKey(), seedFile.name(), seedFile.contentType(),
						seedFile.content().toBlob(storage)));
			}
			return new FieldValue.Files(files);
		}
		if (field.isOptionList()) {
			if (!(value instanceof Options options)) {
				throw new IllegalArgumentException(problem + ": seed it with options(...)");
			}
			return new FieldValue.Options(options.selected());
		}
		if (!(value instanceof String text)) {
			throw new IllegalArgumentException(problem + ": seed it with text(...) or number(...)");
		}
		return new FieldValue.Text(text);
	}

	private static FieldValue empty(FieldDefinition field) {
		return switch (field.type()) {
			case FILE -> new FieldValue.Files(List.of());
			case SUBTABLE -> new FieldValue.Table(List.of());
			case CHECK_BOX, MULTI_SELECT -> new FieldValue.Options(List.of());
			default -> new FieldValue.Text("");
		};
	}

}
