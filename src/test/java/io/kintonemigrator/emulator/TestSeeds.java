package io.kintonemigrator.emulator;

import java.nio.charset.StandardCharsets;

import io.kintonemigrator.emulator.model.TokenPermission;

/** The apps most emulator tests run against. */
final class TestSeeds {

	static final String ALL = "app1-all-token";

	static final String VIEW_EDIT = "app1-view-edit-token";

	static final String VIEW_ONLY = "app1-view-token";

	static final String APP2 = "app2-all-token";

	private TestSeeds() {
	}

	/** App 1 "Contracts" (3 records), app 2 "Archive" (empty), user alice/secret. */
	static EmulatorSeed contracts() {
		return EmulatorSeed.builder()
			.user("alice", "secret")
			.app(contractsApp(1)
				.record((r) -> r.text("legacy_id", "A-1")
					.text("title", "first")
					.number("amount", 10)
					.file("attachments", "見積書.pdf", "application/pdf", "quote".getBytes(StandardCharsets.UTF_8))
					.row("items",
							(row) -> row.text("item_no", "1")
								.file("drawing", "図面1.dwg", "application/acad", FileContent.generated(3000, 1))))
				.record((r) -> r.text("legacy_id", "A-2").text("title", "second").number("amount", 20))
				.record((r) -> r.text("legacy_id", "A-3").text("title", "third").number("amount", 30))
				.build())
			.app(AppSeed.builder(2, "Archive")
				.field(FieldSpec.singleLineText("legacy_id").unique())
				.field(FieldSpec.file("documents"))
				.apiToken(APP2, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT, TokenPermission.DELETE)
				.build())
			.build();
	}

	static AppSeed.Builder contractsApp(long id) {
		return AppSeed.builder(id, "Contracts")
			.field(FieldSpec.singleLineText("legacy_id").unique())
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.number("amount"))
			.field(FieldSpec.checkBox("tags", "a", "b"))
			.field(FieldSpec.file("attachments"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.number("qty"),
					FieldSpec.file("drawing")))
			.apiToken(ALL, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT, TokenPermission.DELETE)
			.apiToken(VIEW_EDIT, TokenPermission.VIEW, TokenPermission.EDIT)
			.apiToken(VIEW_ONLY, TokenPermission.VIEW);
	}

}
