package io.kintonemigrator.emulator.api;

import java.time.Instant;
import java.util.Map;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.WriteTransaction;

import tools.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

/**
 * Creating and updating one record inside a write transaction; shared by add, update and
 * upsert.
 */
final class RecordWrites {

	static final int MAX_RECORDS = 100;

	private final ApiCall call;

	private final AppDefinition app;

	private final WriteTransaction transaction;

	private final RecordAssembler assembler;

	RecordWrites(ApiCall call, AppDefinition app) {
		this.call = call;
		this.app = app;
		this.transaction = call.transaction();
		this.assembler = new RecordAssembler(call, app);
	}

	/**
	 * Adds a record with a new id and revision 1; validation problems go to
	 * {@code errors}.
	 */
	StoredRecord add(@Nullable JsonNode recordJson, String prefix, ValidationErrors errors) {
		RecordPatch patch = RecordPatchReader.read(this.app, recordJson, prefix, errors);
		long id = this.transaction.newRecordId(this.app.id());
		Map<String, FieldValue> values = this.assembler.assemble(null, patch);
		RecordConstraints.check(this.transaction, this.app, id, values, prefix, errors);
		Instant now = this.transaction.now();
		StoredRecord record = new StoredRecord(id, 1, now, this.call.principal().actor(), now,
				this.call.principal().actor(), values);
		this.transaction.put(this.app.id(), record);
		return record;
	}

	/**
	 * Updates an existing record after the revision check; the revision goes up by one.
	 */
	StoredRecord update(StoredRecord existing, @Nullable JsonNode recordJson, @Nullable JsonNode revision,
			String prefix, ValidationErrors errors) {
		checkRevision(existing, revision);
		RecordPatch patch = RecordPatchReader.read(this.app, recordJson, prefix, errors);
		Map<String, FieldValue> values = this.assembler.assemble(existing, patch);
		RecordConstraints.check(this.transaction, this.app, existing.id(), values, prefix, errors);
		StoredRecord record = new StoredRecord(existing.id(), existing.revision() + 1, existing.createdAt(),
				existing.creator(), this.transaction.now(), this.call.principal().actor(), values);
		this.transaction.put(this.app.id(), record);
		return record;
	}

	/**
	 * {@code GAIA_CO02} unless the revision is absent, {@code -1} or the record's current
	 * one.
	 */
	static void checkRevision(StoredRecord existing, @Nullable JsonNode revision) {
		if (revision == null || revision.isNull()) {
			return;
		}
		Long expected = Params.asLong(revision);
		if (expected == null) {
			throw ValidationErrors.single("revision", LocalizedText.NOT_A_NUMBER);
		}
		if (expected != -1 && expected != existing.revision()) {
			throw new ApiException(KintoneErrors.REVISION_CONFLICT);
		}
	}

}
