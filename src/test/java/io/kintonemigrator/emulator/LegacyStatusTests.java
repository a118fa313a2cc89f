package io.kintonemigrator.emulator;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kintone-api.md §0/§8.2: the switch back to HTTP 520 for the errors kintone used to send
 * that way.
 */
class LegacyStatusTests {

	private static EmulatorSeed seed() {
		return EmulatorSeed.builder()
			.app(TestSeeds.contractsApp(1).build())
			.app(AppSeed.builder(5, "Guest").guestSpace(3).apiToken("guest-token", TokenPermission.VIEW).build())
			.build();
	}

	@Test
	void legacyCodesAnswer520WhenSwitchedOn() {
		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(seed()).legacyStatus520(true).start()) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());

			Reply tokenMismatch = http.get("/k/v1/record.json?app=1&id=1", "X-Cybozu-API-Token", "unknown");
			Reply guestPath = http.get("/k/v1/app.json?id=5", "X-Cybozu-API-Token", "guest-token");
			Reply illegal = http.send(http.request("/k/v1/app.json?id=1")
				.header("X-Cybozu-API-Token", TestSeeds.ALL)
				.header("Content-Type", "application/json")
				.GET());
			Reply notLegacy = http.get("/k/v1/record.json?app=1&id=99", "X-Cybozu-API-Token", TestSeeds.ALL);

			assertThat(tokenMismatch.status()).isEqualTo(520);
			assertThat(tokenMismatch.code()).isEqualTo("GAIA_IA02");
			assertThat(guestPath.status()).isEqualTo(520);
			assertThat(guestPath.code()).isEqualTo("GAIA_IL23");
			assertThat(illegal.status()).isEqualTo(520);
			assertThat(illegal.code()).isEqualTo("CB_IL02");
			assertThat(notLegacy.status()).isEqualTo(404);
		}
	}

	@Test
	void theStatusOfAnyCodeCanBeForced() {
		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(seed()).errorStatus("CB_IJ01", 500).start()) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken(TestSeeds.ALL);

			Reply malformed = http.json("POST", "/k/v1/record.json", "{\"app\":1,}");
			Reply untouched = http.get("/k/v1/record.json?app=1&id=99");

			assertThat(malformed.status()).isEqualTo(500);
			assertThat(malformed.code()).isEqualTo("CB_IJ01");
			assertThat(untouched.status()).isEqualTo(404);
		}
	}

	@Test
	void standardStatusesByDefault() {
		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(seed()).start()) {
			Reply reply = new EmulatorHttp(emulator.baseUrl()).get("/k/v1/record.json?app=1&id=1", "X-Cybozu-API-Token",
					"unknown");

			assertThat(reply.status()).isEqualTo(400);
		}
	}

}
