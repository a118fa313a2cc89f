package io.kintonemigrator.emulator;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kintone-api.md §6 (checklist 19): apps in guest spaces and the
 * {@code /k/guest/{id}/v1/} paths.
 */
class GuestSpaceTests {

	static KintoneEmulator emulator;

	static EmulatorHttp http;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.seed(EmulatorSeed.builder()
				.app(AppSeed.builder(5, "Guest app")
					.guestSpace(3)
					.field(FieldSpec.singleLineText("title"))
					.field(FieldSpec.file("attachments"))
					.apiToken("guest-token", TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT)
					.record((r) -> r.text("title", "in the guest space")
						.file("attachments", "g.txt", "text/plain", FileContent.of("guest")))
					.build())
				.build())
			.start();
		http = new EmulatorHttp(emulator.baseUrl()).withToken("guest-token");
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void aGuestSpaceAppIsServedUnderItsGuestPath() {
		Reply reply = http.get("/k/guest/3/v1/record.json?app=5&id=1");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().at("/record/title/value").asString()).isEqualTo("in the guest space");
		assertThat(http.get("/k/guest/3/v1/app.json?id=5").json().get("spaceId").asString()).isEqualTo("3");
	}

	@Test
	void withoutTheGuestPathItIsRefused() {
		Reply reply = http.get("/k/v1/record.json?app=5&id=1");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("GAIA_IL23");
	}

	@Test
	void withAnotherSpaceIdItIsForbidden() {
		Reply reply = http.get("/k/guest/4/v1/record.json?app=5&id=1");

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.code()).isEqualTo("CB_NO02");
	}

	@Test
	void aNormalAppIsNotReachableThroughAGuestPath() {
		Reply reply = new EmulatorHttp(emulator.baseUrl()).withToken(TestSeeds.VIEW_ONLY)
			.get("/k/guest/3/v1/record.json?app=1&id=1");

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.code()).isEqualTo("CB_NO02");
	}

	@Test
	void filesOfAGuestAppAreUploadedAndDownloadedThroughTheGuestPath() {
		String key = emulator.record(5, 1).orElseThrow().files("attachments").get(0).fileKey();

		assertThat(http.get("/k/guest/3/v1/file.json?fileKey=" + key).text()).isEqualTo("guest");
		assertThat(http.get("/k/v1/file.json?fileKey=" + key).code()).isEqualTo("GAIA_IL23");
	}

}
