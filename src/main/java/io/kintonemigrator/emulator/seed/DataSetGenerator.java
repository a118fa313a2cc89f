package io.kintonemigrator.emulator.seed;

import java.util.List;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.RecordSeed;
import io.kintonemigrator.emulator.model.TokenPermission;

/**
 * Fills apps with deterministic data sets described by a {@link DataSetSpec}. File bytes
 * are generated on the fly when downloaded ({@link FileContent#generated(long, long)}),
 * so a data set of any size costs neither disk nor heap. Stateless and thread-safe.
 */
public final class DataSetGenerator {

	/**
	 * The token {@link #sourceAndTarget} gives the source app (app 1), with every
	 * permission.
	 */
	public static final String SOURCE_TOKEN = "source-app-token";

	/**
	 * The token {@link #sourceAndTarget} gives the target app (app 2), with every
	 * permission.
	 */
	public static final String TARGET_TOKEN = "target-app-token";

	private DataSetGenerator() {
	}

	/**
	 * Adds the spec's records to the app after any it already has (the app's form must
	 * have the fields the spec names; the emulator checks that when the seed is applied).
	 * Returns how many records were added.
	 */
	public static int fill(AppSeed.Builder app, DataSetSpec spec) {
		RandomGenerator random = new SplittableRandom(spec.seed());
		int added = 0;
		for (int number = spec.firstKey(); number < spec.firstKey() + spec.records(); number++) {
			if (spec.skipKeys().contains(number)) {
				continue;
			}
			int recordNumber = number;
			app.record((record) -> fillRecord(record, spec, random, recordNumber));
			added++;
		}
		return added;
	}

	/**
	 * A migration-shaped pair: app 1 holds the spec's records with the demo's source
	 * codes ({@code doc_no} unique key, FILE {@code attachments}, SUBTABLE {@code items}
	 * with {@code item_no} and FILE {@code drawing}); app 2 has the demo's target codes
	 * ({@code legacy_id} unique, FILE {@code documents}, SUBTABLE {@code lines} with
	 * {@code item_no} and FILE {@code drawing}) and one record per source record, without
	 * files, whose {@code legacy_id} is the source {@code $id}. The spec's field codes
	 * are replaced by the source codes above; its counts, sizes and seed are kept.
	 */
	public static EmulatorSeed sourceAndTarget(DataSetSpec spec) {
		DataSetSpec source = new DataSetSpec(spec.records(), 1, spec.skipKeys(), spec.filesPerRecord(),
				List.of("attachments"), "items", spec.rowsPerRecord(), "item_no", List.of("drawing"), spec.minSize(),
				spec.maxSize(), spec.sizes(), spec.seed(), spec.japaneseNames(), "doc_no", "DOC-%06d");
		AppSeed.Builder sourceApp = AppSeed.builder(1, "案件管理（移行元）")
			.field(FieldSpec.singleLineText("doc_no").unique())
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(SOURCE_TOKEN, TokenPermission.values());
		int count = fill(sourceApp, source);
		AppSeed.Builder targetApp = AppSeed.builder(2, "案件管理（移行先）")
			.field(FieldSpec.singleLineText("legacy_id").unique())
			.field(FieldSpec.file("documents"))
			.field(FieldSpec.subtable("lines", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(TARGET_TOKEN, TokenPermission.values());
		for (int id = 1; id <= count; id++) {
			String sourceId = Integer.toString(id);
			targetApp.record((record) -> record.text("legacy_id", sourceId));
		}
		return EmulatorSeed.builder().app(sourceApp.build()).app(targetApp.build()).build();
	}

	private static void fillRecord(RecordSeed record, DataSetSpec spec, RandomGenerator random, int number) {
		if (spec.keyField() != null) {
			record.text(spec.keyField(), String.format(spec.keyFormat(), number));
		}
		for (String field : spec.fileFields()) {
			for (int file = 1; file <= spec.filesPerRecord(); file++) {
				FileNames.Named named = FileNames.pick(random, spec.japaneseNames(), number, Integer.toString(file));
				record.file(field, named.name(), named.contentType(), content(spec, random));
			}
		}
		for (int row = 1; row <= spec.rowsPerRecord(); row++) {
			int rowNumber = row;
			record.row(spec.subtable(), (values) -> {
				if (spec.rowKeyField() != null) {
					values.text(spec.rowKeyField(), Integer.toString(rowNumber));
				}
				for (String field : spec.rowFileFields()) {
					for (int file = 1; file <= spec.filesPerRecord(); file++) {
						FileNames.Named named = FileNames.pick(random, spec.japaneseNames(), number,
								rowNumber + "-" + file);
						values.file(field, named.name(), named.contentType(), content(spec, random));
					}
				}
			});
		}
	}

	private static FileContent content(DataSetSpec spec, RandomGenerator random) {
		long size = spec.sizes().isEmpty()
				? (spec.minSize() == spec.maxSize() ? spec.minSize()
						: random.nextLong(spec.minSize(), spec.maxSize() + 1))
				: spec.sizes().get(random.nextInt(spec.sizes().size()));
		return FileContent.generated(size, random.nextLong());
	}

}
