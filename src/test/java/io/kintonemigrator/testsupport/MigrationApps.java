package io.kintonemigrator.testsupport;

import io.kintonemigrator.emulator.KintoneEmulatorBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps the job-level tests migrate between, seeded into the emulator, and the checks
 * on the result read through the emulator's direct API (names and SHA-256 of stored
 * content).
 *
 * <p>
 * Source app 1: {@code attachments} (FILE), table {@code items} (item_no, drawing FILE).
 * Record {@code i}: one or two files in {@code attachments}; row A-1 with a drawing;
 * record {@code records} (the last) has no attachment at all. Target app 2:
 * {@code legacy_id} (unique number = source {@code $id}), {@code title},
 * {@code documents} (FILE), table {@code lines} (item_no, memo, drawing) with rows X-9
 * (only on the target) and A-1; every third record already has a document and an A-1
 * drawing.
 */
public final class MigrationApps {

	public static final String SOURCE_TOKEN = "source-token";

	public static final String TARGET_TOKEN = "target-token";

	/**
	 * A token of the target app that may also add records, as a user fixing a missing
	 * target would (the job's token may not).
	 */
	public static final String TARGET_ADD_TOKEN = "target-add-token";

	private MigrationApps() {
	}

	/**
	 * An emulator on a free port holding {@link #seed}, its data under
	 * {@code dir/emulator}; add request filters or faults before {@code start()}.
	 */
	public static KintoneEmulatorBuilder emulator(Path dir, int records, Set<Integer> missingTargets) {
		return KintoneEmulator.builder()
			.port(0)
			.dataDirectory(dir.resolve("emulator"))
			.seed(seed(records, missingTargets));
	}

	/**
	 * The two apps with {@code records} source records; the last has no attachment, and
	 * the target records whose number is in {@code missingTargets} do not exist.
	 */
	public static EmulatorSeed seed(int records, Set<Integer> missingTargets) {
		return apps(EmulatorSeed.builder(), records, missingTargets, 1, SOURCE_TOKEN, TARGET_TOKEN).build();
	}

	/**
	 * Adds the two apps of {@link #seed} as apps {@code sourceApp} and
	 * {@code sourceApp + 1}, with these API tokens (an emulator may hold several pairs).
	 * The target's token that may add records is {@link #TARGET_ADD_TOKEN} for the pair
	 * of {@link #seed}, {@code <targetToken>-add} for any other (a token belongs to one
	 * app).
	 */
	public static EmulatorSeed.Builder apps(EmulatorSeed.Builder seed, int records, Set<Integer> missingTargets,
			long sourceApp, String sourceToken, String targetToken) {
		AppSeed.Builder source = AppSeed.builder(sourceApp, "案件")
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(sourceToken, TokenPermission.VIEW);
		AppSeed.Builder target = AppSeed.builder(sourceApp + 1, "アーカイブ")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("documents"))
			.field(linesTable())
			.apiToken(targetToken, TokenPermission.VIEW, TokenPermission.EDIT)
			.apiToken(TARGET_TOKEN.equals(targetToken) ? TARGET_ADD_TOKEN : targetToken + "-add", TokenPermission.VIEW,
					TokenPermission.ADD);
		for (int i = 1; i <= records; i++) {
			int n = i;
			boolean empty = n == records;
			source.record(r -> {
				if (!empty) {
					r.file("attachments", "報告書_" + n + ".pdf", "application/pdf", FileContent.generated(1_000 + n, n));
					if (n % 2 == 0) {
						r.file("attachments", "写真_" + n + ".jpg", "image/jpeg",
								FileContent.generated(2_000 + n, 100 + n));
					}
					r.row("items", row -> row.text("item_no", "A-1")
						.file("drawing", "図面_" + n + ".png", "image/png", FileContent.generated(500 + n, 200 + n)));
				}
			});
			if (!missingTargets.contains(n)) {
				target.record(r -> {
					r.number("legacy_id", n).text("title", "案件 " + n);
					if (n % 3 == 0) {
						r.file("documents", "既存_" + n + ".txt", "text/plain", FileContent.of("existing " + n));
					}
					r.row("lines", row -> row.text("item_no", "X-9").text("memo", "keep " + n));
					r.row("lines", row -> {
						row.text("item_no", "A-1").text("memo", "part " + n);
						if (n % 3 == 0) {
							row.file("drawing", "旧図面.png", "image/png", FileContent.of("old drawing " + n));
						}
					});
				});
			}
		}
		return seed.app(source.build()).app(target.build());
	}

	/**
	 * The table every target app of the tests has (and {@link TargetEdits} edits):
	 * {@code lines} of {@code item_no}, {@code memo} and FILE {@code drawing}.
	 */
	public static FieldSpec linesTable() {
		return FieldSpec.subtable("lines", FieldSpec.singleLineText("item_no"), FieldSpec.singleLineText("memo"),
				FieldSpec.file("drawing"));
	}

	/** Writes a job file for the two apps. */
	public static Path jobFile(Path dir, KintoneEmulator emulator, String name, String onExisting, int chunkSize)
			throws IOException {
		return Files.writeString(dir.resolve(name + ".yml"), """
				name: %s
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: 2, apiToken: %s }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				onExisting: %s
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: %d }
				""".formatted(name, emulator.baseUrl(), SOURCE_TOKEN, emulator.baseUrl(), TARGET_TOKEN, onExisting,
				chunkSize));
	}

	/** Source attachments of a record: "name:sha256". */
	public static List<String> sourceDocuments(KintoneEmulator emulator, long record) {
		return hashes(emulator.record(1, record).orElseThrow().files("attachments"));
	}

	public static List<String> sourceDrawings(KintoneEmulator emulator, long record) {
		return emulator.record(1, record)
			.orElseThrow()
			.rows("items")
			.stream()
			.flatMap(row -> hashes(row.files("drawing")).stream())
			.toList();
	}

	/** Target records by legacy_id. */
	public static Map<Long, StoredRecord> targets(KintoneEmulator emulator) {
		Map<Long, StoredRecord> targets = new HashMap<>();
		emulator.records(2).forEach(record -> targets.put(Long.parseLong(record.text("legacy_id")), record));
		return targets;
	}

	public static List<String> documents(StoredRecord target) {
		return hashes(target.files("documents"));
	}

	public static StoredRow line(StoredRecord target, String itemNo) {
		return target.rows("lines")
			.stream()
			.filter(row -> row.text("item_no").equals(itemNo))
			.findFirst()
			.orElseThrow();
	}

	public static List<String> hashes(List<StoredFile> files) {
		List<String> hashes = new ArrayList<>();
		files.forEach(file -> hashes.add(file.name() + ":" + file.sha256()));
		return hashes;
	}

	/**
	 * Requests the emulator received with an app's API token: the requests sent for that
	 * app, file downloads and uploads (which name no app) and refused ones included.
	 */
	public static long requestsWithToken(KintoneEmulator emulator, String token) {
		return emulator.requestLog().stream().filter(entry -> token.equals(entry.header("X-Cybozu-API-Token"))).count();
	}

	/**
	 * Requests sent with this API token that kintone counts against the daily quota
	 * ({@code EmulatorStats.countsDaily}).
	 */
	public static long countedRequestsWithToken(KintoneEmulator emulator, String token) {
		return emulator.requestLog()
			.stream()
			.filter(entry -> token.equals(entry.header("X-Cybozu-API-Token")))
			.filter(entry -> entry.api() != null && EmulatorStats.countsDaily(entry.api()))
			.count();
	}

	/**
	 * Requests to the app that kintone counts against its daily quota, all kintone days
	 * together (the emulator's {@code dailyByApp}).
	 */
	public static long countedRequests(KintoneEmulator emulator, long app) {
		return emulator.stats()
			.dailyCountsByApp()
			.getOrDefault(app, Map.of())
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
	}

	/**
	 * Asserts the result of a migration with {@code onExisting: replace} of all
	 * {@code records}: every target record holds exactly its source's attachments as
	 * documents, in order, and (but the last record, which has none) exactly its source's
	 * drawings in row A-1; no file twice, none of the target's own left.
	 */
	public static void assertReplacedExactlyOnce(KintoneEmulator emulator, int records) {
		Map<Long, StoredRecord> targets = targets(emulator);
		for (long i = 1; i <= records; i++) {
			StoredRecord target = targets.get(i);
			assertThat(documents(target)).as("documents of record %d", i)
				.containsExactlyElementsOf(sourceDocuments(emulator, i));
			if (i < records) {
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("drawings of record %d", i)
					.containsExactlyElementsOf(sourceDrawings(emulator, i));
			}
		}
	}

	/** Number of source attachments (all records). */
	public static int sourceAttachmentCount(KintoneEmulator emulator) {
		return emulator.records(1).stream().mapToInt(record -> record.allFiles().size()).sum();
	}

}
