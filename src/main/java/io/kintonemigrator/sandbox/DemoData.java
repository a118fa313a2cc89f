package io.kintonemigrator.sandbox;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.model.TokenPermission;

/**
 * The demo's two apps. Source app 1 (案件管理): a FILE field {@code attachments} and a table
 * {@code items} (item_no, drawing). Target app 2 (案件アーカイブ): {@code legacy_id} (unique
 * number: the source's {@code $id}), a FILE field {@code documents} and a table
 * {@code lines} (item_no, memo, drawing) with a row the source does not have. Japanese
 * file names, one file of several MB, and one source record whose target is missing.
 */
public final class DemoData {

	static final long SOURCE_APP = 1;

	static final long TARGET_APP = 2;

	public static final String SOURCE_TOKEN = "demo-source-token";

	public static final String TARGET_TOKEN = "demo-target-token";

	static final int RECORDS = 60;

	/** The source record whose target record does not exist. */
	static final int ORPHAN = 37;

	static final long LARGE_FILE_SIZE = 6L * 1024 * 1024;

	private DemoData() {
	}

	public static EmulatorSeed seed() {
		AppSeed.Builder source = AppSeed.builder(SOURCE_APP, "案件管理")
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing")))
			.apiToken(SOURCE_TOKEN, TokenPermission.VIEW);
		AppSeed.Builder target = AppSeed.builder(TARGET_APP, "案件アーカイブ")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("documents"))
			.field(FieldSpec.subtable("lines", FieldSpec.singleLineText("item_no"), FieldSpec.singleLineText("memo"),
					FieldSpec.file("drawing")))
			.apiToken(TARGET_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT);
		for (int i = 1; i <= RECORDS; i++) {
			int n = i;
			source.record(r -> {
				r.text("title", "案件 " + n);
				if (n % 7 != 0) { // every 7th record has no attachment at all
					r.file("attachments", String.format("見積書_%03d.pdf", n), "application/pdf",
							FileContent.generated(2_000 + n * 37L, n));
					if (n % 3 == 0) {
						r.file("attachments", String.format("契約書_%03d.pdf", n), "application/pdf",
								FileContent.generated(5_000 + n, 1_000 + n));
					}
				}
				if (n == 1) {
					r.file("attachments", "設計資料_大.zip", "application/zip", FileContent.generated(LARGE_FILE_SIZE, 42));
				}
				r.row("items",
						row -> row.text("item_no", "A-1")
							.file("drawing", String.format("図面_%03d_A-1.png", n), "image/png",
									FileContent.generated(3_000 + n, 2_000 + n)));
				r.row("items", row -> row.text("item_no", "A-2"));
			});
			if (n != ORPHAN) {
				target.record(r -> {
					r.number("legacy_id", n).text("title", "案件 " + n);
					if (n % 5 == 0) {
						r.file("documents", "既存メモ.txt", "text/plain", FileContent.of("アーカイブ側の既存ファイル " + n));
					}
					r.row("lines", row -> row.text("item_no", "X-9").text("memo", "アーカイブにだけある行"));
					r.row("lines", row -> row.text("item_no", "A-1").text("memo", "部品 A-1"));
				});
			}
		}
		return EmulatorSeed.builder().user("demo", "demo-password").app(source.build()).app(target.build()).build();
	}

}
