package io.kintonemigrator.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.RecordSeed;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.testsupport.MigrationApps;

/**
 * The two apps of the changing-world suite ({@link ChangingWorldFunctionalTests}), small
 * on purpose (one pass of all scenarios must stay short), and its job file.
 *
 * <p>
 * Source app 1: FILE {@code attachments}, FILE {@code extras} (unmapped until the job
 * file changes), table {@code items} ({@code item_no} = the row key, FILE
 * {@code drawing}). Record {@code i}: 0–2 files in each FILE field, 0–2 rows ("R1", "R2")
 * with 0–2 drawings; sizes 0 bytes to 3 KB; names unique except on purpose (below). Every
 * record was created two days ago, so an incremental run after the first completed one
 * reads only records edited since.
 *
 * <p>
 * Target app 2: {@code legacy_id} (unique number = source {@code $id}, = the target
 * record's id), {@code note} (text), FILE {@code documents} (mapped from
 * {@code attachments}), FILE {@code archive} (mapped from {@code extras} once the job
 * file changes), table {@code lines} ({@code item_no}, {@code memo}, FILE
 * {@code drawing}) with the target-only row "T" in every record and a row "R1" in every
 * second one. The target holds files of its own before the first run (the "user files" of
 * {@link WorldModel}): a document in every fifth record, an archive file in every third,
 * a drawing in row "T" of every fourth and in row "R1" of every sixth, and in every
 * seventh record a document with the same name and size as the source's first attachment
 * but other bytes (an older copy kintone users often keep).
 */
final class WorldApps {

	/**
	 * The tokens {@link ReliabilityDataSet#migrate} passes to the child through the
	 * environment.
	 */
	static final String SOURCE_TOKEN = ReliabilityDataSet.SOURCE_TOKEN;

	static final String TARGET_TOKEN = ReliabilityDataSet.TARGET_TOKEN;

	/** The source user's token (the job's token can only view). */
	static final String EDITOR_TOKEN = "world-source-editor";

	static final long SOURCE_APP = 1;

	static final long TARGET_APP = 2;

	private static final int[] SIZES = { 0, 1, 17, 64, 300, 1_024, 1_500, 3_000 };

	private static final String[] STEMS = { "報告書", "図面（改訂版）", "見積書", "写真", "議事録", "仕様書 最終" };

	private static final String[] EXTENSIONS = { ".pdf", ".png", ".xlsx", ".jpg", ".docx", ".txt" };

	private final int records;

	private final long seed;

	WorldApps(int records, long seed) {
		this.records = records;
		this.seed = seed;
	}

	int records() {
		return records;
	}

	EmulatorSeed seed() {
		Random random = new Random(seed);
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
		AppSeed.Builder source = AppSeed.builder(SOURCE_APP, "案件（移行元）")
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.file("extras"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(SOURCE_TOKEN, TokenPermission.VIEW)
			.apiToken(EDITOR_TOKEN, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT);
		AppSeed.Builder target = AppSeed.builder(TARGET_APP, "案件（移行先）")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.singleLineText("note"))
			.field(FieldSpec.file("documents"))
			.field(FieldSpec.file("archive"))
			.field(MigrationApps.linesTable())
			.apiToken(TARGET_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT);
		for (int i = 1; i <= records; i++) {
			int n = i;
			byte[][] firstAttachment = new byte[1][];
			String[] firstName = new String[1];
			source.record(r -> {
				r.createdAt(twoDaysAgo);
				int attachments = random.nextInt(3);
				for (int f = 1; f <= attachments; f++) {
					byte[] bytes = bytes(random);
					String name = name(random, n + "-a" + f);
					if (f == 1) {
						firstAttachment[0] = bytes;
						firstName[0] = name;
					}
					r.file("attachments", name, "application/octet-stream", bytes);
				}
				for (int f = 1, extras = random.nextInt(3); f <= extras; f++) {
					r.file("extras", name(random, n + "-x" + f), "application/octet-stream", bytes(random));
				}
				for (int row = 1, rows = random.nextInt(3); row <= rows; row++) {
					int k = row;
					int drawings = random.nextInt(3);
					r.row("items", seedRow -> {
						seedRow.text("item_no", "R" + k);
						for (int f = 1; f <= drawings; f++) {
							seedRow.file("drawing", name(random, n + "-" + k + "-" + f), "application/octet-stream",
									bytes(random));
						}
					});
				}
			});
			target.record(r -> targetRecord(r, n, random, firstName[0], firstAttachment[0]));
		}
		return EmulatorSeed.builder().app(source.build()).app(target.build()).build();
	}

	private static void targetRecord(RecordSeed r, int n, Random random, String sourceFirstName, byte[] sourceFirst) {
		r.createdAt(Instant.now().minus(Duration.ofDays(2))).number("legacy_id", n).text("note", "original " + n);
		if (n % 5 == 0) {
			r.file("documents", "既存_" + n + ".txt", "text/plain", bytes(random));
		}
		if (n % 7 == 0 && sourceFirstName != null) {
			byte[] older = sourceFirst.clone(); // same name and size, other bytes
			if (older.length == 0) {
				older = new byte[] { 1 };
			}
			else {
				older[0] ^= 0x5a;
			}
			r.file("documents", sourceFirstName, "application/octet-stream", older);
		}
		if (n % 3 == 0) {
			r.file("archive", "保管_" + n + ".pdf", "application/pdf", bytes(random));
		}
		r.row("lines", row -> {
			row.text("item_no", "T").text("memo", "keep " + n);
			if (n % 4 == 0) {
				row.file("drawing", "手書き_" + n + ".png", "image/png", bytes(random));
			}
		});
		if (n % 2 == 0) {
			r.row("lines", row -> {
				row.text("item_no", "R1").text("memo", "part " + n);
				if (n % 6 == 0) {
					row.file("drawing", "旧図面_" + n + ".png", "image/png", bytes(random));
				}
			});
		}
	}

	/** Random bytes of a size drawn from {@link #SIZES}. */
	static byte[] bytes(Random random) {
		byte[] bytes = new byte[SIZES[random.nextInt(SIZES.length)]];
		random.nextBytes(bytes);
		return bytes;
	}

	/** A file name unique by its {@code tag}, Japanese like the users'. */
	static String name(Random random, String tag) {
		return STEMS[random.nextInt(STEMS.length)] + "_" + tag + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
	}

	/**
	 * Writes (or rewrites) the job file; tokens come from the environment variables
	 * {@link ReliabilityDataSet#migrate} sets. {@code withExtras} adds the second FILE
	 * mapping {@code extras -> archive}.
	 */
	static Path jobFile(Path file, String name, String baseUrl, String onExisting, int chunkSize, boolean withExtras)
			throws IOException {
		return ReliabilityDataSet.writeJobFile(file, name, baseUrl,
				withExtras ? List.of("{ from: extras, to: archive }") : List.of(), onExisting, 4, chunkSize);
	}

}
