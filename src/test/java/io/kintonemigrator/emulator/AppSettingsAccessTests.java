package io.kintonemigrator.emulator;

import java.util.List;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kintone-api.md §5 and cybozu.dev 必要なアクセス権: {@code app.json},
 * {@code app/form/fields.json} and {@code app/form/layout.json} need record view
 * <em>or</em> record add permission, so an add-only token (what the kintone CLI's
 * {@code record import} uses) may read them, and a token with neither may not.
 */
class AppSettingsAccessTests {

	static final String ADD_ONLY = "add-only-token";

	static final String EDIT_DELETE = "edit-delete-token";

	static final String GUEST_ADD_ONLY = "guest-add-only-token";

	static final List<String> SETTINGS_READS = List.of("/k/v1/app.json?id=1", "/k/v1/app/form/fields.json?app=1",
			"/k/v1/app/form/layout.json?app=1");

	static KintoneEmulator emulator;

	static EmulatorHttp anonymous;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder()
			.seed(EmulatorSeed.builder()
				.app(AppSeed.builder(1, "Orders")
					.field(FieldSpec.singleLineText("Text"))
					.field(FieldSpec.file("Attachment"))
					.apiToken(ADD_ONLY, TokenPermission.ADD)
					.apiToken(EDIT_DELETE, TokenPermission.EDIT, TokenPermission.DELETE)
					.build())
				.app(AppSeed.builder(2, "Guest orders")
					.guestSpace(7)
					.field(FieldSpec.singleLineText("Text"))
					.apiToken(GUEST_ADD_ONLY, TokenPermission.ADD)
					.build())
				.build())
			.start();
		anonymous = new EmulatorHttp(emulator.baseUrl());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void anAddOnlyTokenMayReadTheAppAndItsForm() {
		EmulatorHttp http = anonymous.withToken(ADD_ONLY);

		for (String path : SETTINGS_READS) {
			assertThat(http.get(path).status()).as(path).isEqualTo(200);
		}
		assertThat(http.get("/k/v1/app/form/fields.json?app=1").json().at("/properties/Attachment/type").asString())
			.isEqualTo("FILE");
		assertThat(http.get("/k/v1/app.json?id=1").json().get("name").asString()).isEqualTo("Orders");
	}

	@Test
	void anAddOnlyTokenMayReadTheFormOfAGuestSpaceApp() {
		Reply reply = anonymous.withToken(GUEST_ADD_ONLY).get("/k/guest/7/v1/app/form/fields.json?app=2");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().at("/properties/Text/type").asString()).isEqualTo("SINGLE_LINE_TEXT");
	}

	@Test
	void anAddOnlyTokenStillCannotReadRecords() {
		Reply reply = anonymous.withToken(ADD_ONLY).get("/k/v1/records.json?app=1");

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.code()).isEqualTo("GAIA_NO01");
	}

	@Test
	void aTokenWithNeitherViewNorAddMayNotReadTheAppOrItsForm() {
		EmulatorHttp http = anonymous.withToken(EDIT_DELETE);

		for (String path : SETTINGS_READS) {
			Reply reply = http.get(path);
			assertThat(reply.status()).as(path).isEqualTo(403);
			assertThat(reply.code()).as(path).isEqualTo("GAIA_NO01");
		}
	}

}
