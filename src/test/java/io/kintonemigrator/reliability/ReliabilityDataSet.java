package io.kintonemigrator.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.seed.DataSetGenerator;
import io.kintonemigrator.emulator.seed.DataSetSpec;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.Sha256;
import io.kintonemigrator.testsupport.TargetEdits;

/**
 * The migration the reliability suite runs again and again, and the check of its result.
 *
 * <p>
 * Source app 1 (from {@link DataSetGenerator}): per record one file in
 * {@code attachments} and two rows in table {@code items} ({@code item_no} "1" and "2"),
 * each with one {@code drawing}; Japanese names; sizes drawn from {@link #SIZES}: mostly
 * 0 bytes to 64 KB, a few of 2.5 and 5 MB. Target app 2: {@code legacy_id} (unique number
 * = source {@code $id}), {@code note} (text), {@code documents} (FILE), table
 * {@code lines} ({@code item_no}, {@code memo}, {@code drawing}) with row "T" (only on
 * the target: must survive) and row "1" (pairs with source row "1"; source row "2"
 * becomes a new row). Every fifth target already holds a document
 * ({@code onExisting: append} must keep it).
 */
final class ReliabilityDataSet {

	static final String SOURCE_TOKEN = "chaos-source-token";

	static final String TARGET_TOKEN = "chaos-target-token";

	/**
	 * 200 sizes drawn uniformly: 198 of at most 64 KB (four of them 0 bytes), one of 2.5
	 * MB, one of 5 MB.
	 */
	static final List<Long> SIZES = sizes();

	private final int records;

	private final long seed;

	ReliabilityDataSet(int records, long seed) {
		this.records = records;
		this.seed = seed;
	}

	int records() {
		return records;
	}

	/** Source attachments: one top-level file and one per row, two rows per record. */
	int attachments() {
		return records * 3;
	}

	EmulatorSeed seed() {
		AppSeed.Builder source = AppSeed.builder(1, "案件管理（移行元）")
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(SOURCE_TOKEN, TokenPermission.VIEW);
		DataSetGenerator.fill(source,
				DataSetSpec.builder()
					.records(records)
					.fileFields("attachments")
					.rows("items", 2, "item_no", "drawing")
					.sizes(SIZES)
					.japaneseNames(true)
					.seed(seed)
					.build());
		AppSeed.Builder target = AppSeed.builder(2, "案件管理（移行先）")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.singleLineText("note"))
			.field(FieldSpec.file("documents"))
			.field(MigrationApps.linesTable())
			.apiToken(TARGET_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT);
		for (int i = 1; i <= records; i++) {
			int n = i;
			target.record(r -> {
				r.number("legacy_id", n).text("note", "original " + n);
				if (n % 5 == 0) {
					r.file("documents", "既存_" + n + ".txt", "text/plain", FileContent.of("existing " + n));
				}
				r.row("lines", row -> row.text("item_no", "T").text("memo", "keep " + n));
				r.row("lines", row -> row.text("item_no", "1").text("memo", "part " + n));
			});
		}
		return EmulatorSeed.builder().app(source.build()).app(target.build()).build();
	}

	/**
	 * The real {@code migrate --job jobFile} in a child JVM, as the suite runs it again
	 * and again: everything under {@code dir} ({@link ChildJvm#migrate}), the API tokens
	 * in the environment variables the job files name (as users are told to), backoffs of
	 * 5 to 100 ms so retries take milliseconds (everything else is the product's
	 * default), C1 only for a faster start, and one log a run, {@code dir/run-N.log}.
	 */
	static ChildJvm migrate(Path dir, Path jobFile) {
		return ChildJvm.migrate(dir, jobFile)
			.jvmOptions("-XX:TieredStopAtLevel=1", "-Dkam.resilience.initial-backoff=5ms",
					"-Dkam.resilience.max-backoff=100ms")
			.environment("CHAOS_SOURCE_TOKEN", SOURCE_TOKEN)
			.environment("CHAOS_TARGET_TOKEN", TARGET_TOKEN)
			.logDirectory(dir);
	}

	/**
	 * The job file {@code dir/name.yml}: {@code onExisting: append}, concurrency 4;
	 * tokens come from the environment variables {@link #migrate} sets.
	 */
	static Path jobFile(Path dir, String name, String baseUrl, int chunkSize) throws IOException {
		return writeJobFile(dir.resolve(name + ".yml"), name, baseUrl, List.of(), "append", 4, chunkSize);
	}

	/**
	 * Writes (or rewrites) a job file of the suite: app 1 to app 2 at {@code baseUrl},
	 * matched on {@code legacy_id}, {@code attachments -> documents} and
	 * {@code items.drawing -> lines.drawing} by {@code item_no}, then
	 * {@code moreMappings} (e.g. {@code { from: extras, to: archive }}); tokens come from
	 * the environment variables {@link #migrate} sets.
	 */
	static Path writeJobFile(Path file, String name, String baseUrl, List<String> moreMappings, String onExisting,
			int concurrency, int chunkSize) throws IOException {
		StringBuilder mappings = new StringBuilder();
		moreMappings.forEach(mapping -> mappings.append("  - ").append(mapping).append('\n'));
		return Files.writeString(file, """
				name: %s
				source: { baseUrl: "%s", app: 1, apiToken: "${CHAOS_SOURCE_TOKEN}" }
				target: { baseUrl: "%s", app: 2, apiToken: "${CHAOS_TARGET_TOKEN}" }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				%sonExisting: %s
				limits: { concurrency: %d, requestsPerSecond: 1000, chunkSize: %d }
				""".formatted(name, baseUrl, baseUrl, mappings, onExisting, concurrency, chunkSize));
	}

	/** Total bytes of the source attachments. */
	long sourceBytes(KintoneEmulator emulator) {
		return emulator.records(1).stream().flatMap(r -> r.allFiles().stream()).mapToLong(StoredFile::size).sum();
	}

	/**
	 * Compares every target record with its source record through the emulator: file
	 * names and SHA-256 of the stored bytes, field by field and row by row, and the rows
	 * and values only the target has. {@code edits} are the values users wrote
	 * ({@link TargetEdits#editNote}), which must have survived.
	 */
	Verification verify(KintoneEmulator emulator, Map<Long, String> edits) {
		Map<Long, StoredRecord> targets = new HashMap<>();
		emulator.records(2).forEach(record -> targets.put(Long.parseLong(record.text("legacy_id")), record));
		List<String> problems = new ArrayList<>();
		int duplicates = 0;
		int present = 0;
		for (long id = 1; id <= records; id++) {
			long i = id;
			StoredRecord source = emulator.record(1, i).orElseThrow();
			StoredRecord target = targets.get(i);
			if (target == null) {
				problems.add("record " + i + ": no target record");
				continue;
			}
			List<String> expectedDocuments = new ArrayList<>();
			if (i % 5 == 0) {
				expectedDocuments.add("既存_" + i + ".txt:" + Sha256.hex("existing " + i));
			}
			expectedDocuments.addAll(hashes(source.files("attachments")));
			duplicates += compare("record " + i + " documents", expectedDocuments, hashes(target.files("documents")),
					problems);
			Map<String, StoredRow> rows = new LinkedHashMap<>();
			target.rows("lines").forEach(row -> rows.merge(row.text("item_no"), row, (a, b) -> {
				problems.add("record " + i + ": two rows with item_no " + row.text("item_no"));
				return a;
			}));
			if (!rows.keySet().equals(Set.of("T", "1", "2")) || target.rows("lines").size() != 3) {
				problems.add("record " + i + ": rows "
						+ target.rows("lines").stream().map(r -> r.text("item_no")).toList() + ", expected T, 1, 2");
			}
			for (StoredRow sourceRow : source.rows("items")) {
				StoredRow targetRow = rows.get(sourceRow.text("item_no"));
				List<String> actual = targetRow == null ? List.of() : hashes(targetRow.files("drawing"));
				duplicates += compare("record " + i + " row " + sourceRow.text("item_no"),
						hashes(sourceRow.files("drawing")), actual, problems);
			}
			String editedMemo = edits.get(i);
			String memo = rows.containsKey("T") ? rows.get("T").text("memo") : null;
			if (!(editedMemo != null ? editedMemo : "keep " + i).equals(memo)) {
				problems.add("record " + i + ": memo of row T is '" + memo + "'");
			}
			if (rows.containsKey("1") && !("part " + i).equals(rows.get("1").text("memo"))) {
				problems.add("record " + i + ": memo of row 1 is '" + rows.get("1").text("memo") + "'");
			}
			String note = target.text("note");
			if (!(editedMemo != null ? "edited by a user: " + editedMemo : "original " + i).equals(note)) {
				problems.add("record " + i + ": note is '" + note + "'");
			}
			present += target.allFiles().size() - (i % 5 == 0 ? 1 : 0);
		}
		return new Verification(present, duplicates, problems);
	}

	/**
	 * Adds a problem for every difference; returns how many files the target holds more
	 * often than expected.
	 */
	private static int compare(String where, List<String> expected, List<String> actual, List<String> problems) {
		if (expected.equals(actual)) {
			return 0;
		}
		problems.add(where + ": expected " + expected + " but found " + actual);
		Map<String, Integer> extra = new HashMap<>();
		actual.forEach(a -> extra.merge(a, 1, Integer::sum));
		expected.forEach(e -> extra.merge(e, -1, Integer::sum));
		return extra.values().stream().mapToInt(v -> Math.max(v, 0)).sum();
	}

	private static List<String> hashes(List<StoredFile> files) {
		return files.stream().map(file -> file.name() + ":" + file.sha256()).toList();
	}

	private static List<Long> sizes() {
		List<Long> sizes = new ArrayList<>();
		for (int i = 0; i < 198; i++) {
			sizes.add(i < 4 ? 0L : (long) Math.pow(65_536, i / 197.0));
		}
		sizes.add(2_500_000L);
		sizes.add(5_000_000L);
		return List.copyOf(sizes);
	}

	/**
	 * What the target holds: source attachments found on their targets (any number of
	 * times), copies beyond the expected ones, and every difference.
	 */
	record Verification(int attachmentsOnTargets, int duplicates, List<String> problems) {
	}

}
