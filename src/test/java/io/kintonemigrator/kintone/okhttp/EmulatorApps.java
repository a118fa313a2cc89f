package io.kintonemigrator.kintone.okhttp;

import java.net.URI;
import java.util.List;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;
import org.jspecify.annotations.Nullable;

/** The apps, users and credentials the client tests seed into the emulator. */
public final class EmulatorApps {

	public static final long SOURCE = 11;

	public static final long TARGET = 12;

	public static final long GUEST = 21;

	public static final long GUEST_SPACE = 5;

	public static final String SOURCE_TOKEN = "SRCtok3n-5up3rS3cr3t-0001";

	public static final String TARGET_TOKEN = "TGTtok3n-5up3rS3cr3t-0002";

	public static final String GUEST_TOKEN = "GSTtok3n-5up3rS3cr3t-0003";

	public static final String USER = "alice";

	public static final String PASSWORD = "Pa55w0rd-Al1ce-secret";

	public static final String BASIC_PASSWORD = "Ba5ic-Pr0xy-secret";

	/** Every secret above, for tests that prove none of them leaks. */
	public static final List<String> SECRETS = List.of(SOURCE_TOKEN, TARGET_TOKEN, GUEST_TOKEN, PASSWORD,
			BASIC_PASSWORD);

	public static final String JAPANESE_NAME = "見積書 2026年度（最終版）.pdf";

	private EmulatorApps() {
	}

	/**
	 * Source app: record 1 has a Japanese-named file, an empty file and a subtable with a
	 * file; records 2..7 one small file each; {@code code} is unique (R-1..R-7),
	 * {@code parity} is "odd"/"even". Target app: three records T-1..T-3 without files.
	 * Guest app: one record, in guest space 5.
	 */
	public static EmulatorSeed seed() {
		AppSeed.Builder source = appWithFileFields(SOURCE, "source").apiToken(SOURCE_TOKEN, TokenPermission.VIEW,
				TokenPermission.ADD, TokenPermission.EDIT);
		source.record(r -> r.text("title", "報告")
			.text("code", "R-1")
			.text("parity", "odd")
			.generatedFile("att", JAPANESE_NAME, "application/pdf", 3_000, 1)
			.file("att", "empty.txt", "text/plain", new byte[0])
			.row("items", row -> row.text("no", "A-1").generatedFile("drawing", "図面 (1).png", "image/png", 10_000, 2))
			.row("items", row -> row.text("no", "A-2")));
		for (int i = 2; i <= 7; i++) {
			int n = i;
			source.record(r -> r.text("title", "record " + n)
				.text("code", "R-" + n)
				.text("parity", n % 2 == 0 ? "even" : "odd")
				.generatedFile("att", "file-" + n + ".bin", "application/octet-stream", 1_000 + n, n));
		}
		AppSeed.Builder target = appWithFileFields(TARGET, "target").apiToken(TARGET_TOKEN, TokenPermission.VIEW,
				TokenPermission.ADD, TokenPermission.EDIT);
		for (int i = 1; i <= 3; i++) {
			int n = i;
			target.record(r -> r.text("title", "target " + n).text("code", "T-" + n).text("parity", "odd"));
		}
		AppSeed guest = AppSeed.builder(GUEST, "guest")
			.guestSpace(GUEST_SPACE)
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("att"))
			.apiToken(GUEST_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT)
			.record(r -> r.text("title", "in the guest space").generatedFile("att", "guest.txt", "text/plain", 100, 9))
			.build();
		return EmulatorSeed.builder().user(USER, PASSWORD).app(source.build()).app(target.build()).app(guest).build();
	}

	private static AppSeed.Builder appWithFileFields(long id, String name) {
		return AppSeed.builder(id, name)
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.singleLineText("code").unique())
			.field(FieldSpec.singleLineText("parity"))
			.field(FieldSpec.file("att"))
			.field(FieldSpec.subtable("items", FieldSpec.singleLineText("no"), FieldSpec.file("drawing")));
	}

	public static KintoneConnection tokenConnection(URI baseUrl, long app, String... tokens) {
		return connection(baseUrl, app, null,
				new Credentials.ApiTokens(List.of(tokens).stream().map(Secret::new).toList()));
	}

	public static KintoneConnection connection(URI baseUrl, long app, @Nullable Long guestSpace,
			Credentials credentials) {
		return new KintoneConnection(baseUrl, new AppId(app), guestSpace, credentials, null, null, null,
				KintoneConnection.Timeouts.defaults(), false);
	}

}
