package io.kintonemigrator.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.testsupport.CommandRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rowKey: {from: item_no, to: line_no}} when the two tables name their key column
 * differently: {@code migrate} over HTTP puts each source row's drawings into the target
 * row with the same key value (not the same position), a row without a partner gets a new
 * row carrying the key in {@code line_no}, {@code verify} confirms every file; the plain
 * form fails preflight because the target table has no {@code item_no}.
 */
class RowKeyCodesFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void rowsArePairedByKeyColumnsOfDifferentCodesAndVerifyAgrees() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = job(emulator, "{from: item_no, to: line_no}");

			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database", database(), "--reports-dir",
					tmp.resolve("reports").toString(), "--progress-interval", "0");
			CommandRun verify = cli("verify", "--job", job.toString(), "--database", database());

			assertThat(migrate.exitCode()).as(migrate.all()).isZero();
			StoredRecord target = emulator.record(2, 1).orElseThrow();
			List<StoredRow> lines = target.rows("lines");
			// the target's rows are in the other order: pairing by position would swap
			// the drawings
			assertThat(lines).extracting(row -> row.text("line_no")).containsExactly("B-2", "A-1", "C-3");
			assertThat(names(lines.get(0))).containsExactly("図面_B.png");
			assertThat(names(lines.get(1))).containsExactly("図面_A.png");
			assertThat(names(lines.get(2))).containsExactly("図面_C.png");
			assertThat(lines.get(0).text("memo")).isEqualTo("kept");
			assertThat(verify.exitCode()).as(verify.all()).isZero();
		}
	}

	@Test
	void thePlainFormNamesACodeTheTargetTableLacksAndPreflightSaysSo() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = job(emulator, "item_no");

			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database", database());

			assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(migrate.err())
				.contains("files[0].rowKey: the table 'lines' of the target app has no field 'item_no'");
			assertThat(emulator.record(2, 1).orElseThrow().rows("lines"))
				.allSatisfy(row -> assertThat(row.files("drawing")).isEmpty());
		}
	}

	private static List<String> names(StoredRow row) {
		return row.files("drawing").stream().map(StoredFile::name).toList();
	}

	private Path job(KintoneEmulator emulator, String rowKey) throws Exception {
		return Files.writeString(tmp.resolve("job.yml"), """
				name: row-keys
				source: { baseUrl: "%s", app: 1, apiToken: source-token }
				target: { baseUrl: "%s", app: 2, apiToken: target-token }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: items.drawing, to: lines.drawing, rowKey: %s }
				onExisting: append
				""".formatted(emulator.baseUrl(), emulator.baseUrl(), rowKey));
	}

	private String database() {
		return "jdbc:h2:file:" + tmp.resolve("db/batch");
	}

	private KintoneEmulator start() {
		AppSeed.Builder source = AppSeed.builder(1, "案件")
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken("source-token", TokenPermission.VIEW);
		source.record(record -> record
			.row("items",
					row -> row.text("item_no", "A-1")
						.file("drawing", "図面_A.png", "image/png", FileContent.generated(700, 1)))
			.row("items",
					row -> row.text("item_no", "B-2")
						.file("drawing", "図面_B.png", "image/png", FileContent.generated(800, 2)))
			.row("items", row -> row.text("item_no", "C-3")
				.file("drawing", "図面_C.png", "image/png", FileContent.generated(900, 3))));
		AppSeed.Builder target = AppSeed.builder(2, "アーカイブ")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.subtable("lines", FieldSpec.singleLineText("line_no"), FieldSpec.singleLineText("memo"),
					FieldSpec.file("drawing")))
			.apiToken("target-token", TokenPermission.VIEW, TokenPermission.EDIT);
		target.record(record -> record.number("legacy_id", 1)
			.row("lines", row -> row.text("line_no", "B-2").text("memo", "kept"))
			.row("lines", row -> row.text("line_no", "A-1").text("memo", "kept too")));
		return KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(EmulatorSeed.builder().app(source.build()).app(target.build()).build())
			.start();
	}

}
