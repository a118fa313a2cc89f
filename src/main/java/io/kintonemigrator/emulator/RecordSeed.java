package io.kintonemigrator.emulator;

import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The values of one seeded record, e.g.
 * {@code r.text("legacy_id", "A-1").file("attachments", "見積書.pdf", "application/pdf", bytes)
 * .row("items", row -> row.text("item_no", "1"))}. Ids, revision 1, and file download
 * keys are assigned when the seed is applied; CREATED_TIME defaults to the emulator
 * clock.
 */
public final class RecordSeed extends SeedValues<RecordSeed> {

	private @Nullable Instant createdAt;

	RecordSeed() {
	}

	@Override
	RecordSeed self() {
		return this;
	}

	/** Appends a row to SUBTABLE {@code table}. */
	public RecordSeed row(String table, Consumer<RowSeed> row) {
		appendRow(this.values, table, new RowSeed(), row);
		return this;
	}

	/** CREATED_TIME/UPDATED_TIME of the record (truncated to the minute). */
	public RecordSeed createdAt(Instant time) {
		this.createdAt = time;
		return this;
	}

	@Nullable Instant createdAt() {
		return this.createdAt;
	}

}
