package io.kintonemigrator.emulator;

import java.util.Collections;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §6: password and API-token authentication and their errors. */
class AuthenticationTests {

	static KintoneEmulator emulator;

	static EmulatorHttp anonymous;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).start();
		anonymous = new EmulatorHttp(emulator.baseUrl());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	private static Reply getRecord(String... headers) {
		return anonymous.get("/k/v1/record.json?app=1&id=1", headers);
	}

	@Test
	void noCredentialsIsNotAuthenticated() {
		Reply reply = getRecord();

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.code()).isEqualTo("CB_AU01");
	}

	@Test
	void passwordAuthenticationWorksForAnyApp() {
		String auth = EmulatorHttp.basic("alice", "secret");

		assertThat(getRecord("X-Cybozu-Authorization", auth).status()).isEqualTo(200);
		assertThat(anonymous.get("/k/v1/records.json?app=2", "X-Cybozu-Authorization", auth).status()).isEqualTo(200);
	}

	@Test
	void wrongPasswordUnknownUserAndGarbageFailPasswordAuthentication() {
		for (String header : new String[] { EmulatorHttp.basic("alice", "wrong"), EmulatorHttp.basic("bob", "secret"),
				"%%%not-base64" }) {
			Reply reply = getRecord("X-Cybozu-Authorization", header);
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.code()).isEqualTo("CB_WA01");
		}
	}

	@Test
	void passwordWinsOverAnInvalidToken() {
		Reply reply = getRecord("X-Cybozu-Authorization", EmulatorHttp.basic("alice", "secret"), "X-Cybozu-API-Token",
				"no-such-token");

		assertThat(reply.status()).isEqualTo(200);
	}

	@Test
	void aTokenOfTheAppIsAccepted() {
		assertThat(getRecord("X-Cybozu-API-Token", TestSeeds.VIEW_ONLY).status()).isEqualTo(200);
	}

	@Test
	void tokensOfSeveralAppsMayBeCommaSeparatedOrRepeated() {
		assertThat(getRecord("X-Cybozu-API-Token", TestSeeds.APP2 + "," + TestSeeds.VIEW_ONLY).status()).isEqualTo(200);
		assertThat(getRecord("X-Cybozu-API-Token", TestSeeds.APP2, "X-Cybozu-API-Token", TestSeeds.VIEW_ONLY).status())
			.isEqualTo(200);
	}

	@Test
	void anUnknownTokenOrATokenOfAnotherAppDoesNotMatch() {
		Reply unknown = getRecord("X-Cybozu-API-Token", "no-such-token");
		Reply otherApp = getRecord("X-Cybozu-API-Token", TestSeeds.APP2);

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.code()).isEqualTo("GAIA_IA02");
		assertThat(otherApp.status()).isEqualTo(400);
		assertThat(otherApp.code()).isEqualTo("GAIA_IA02");
	}

	@Test
	void twoTokensOfTheSameAppAreRejected() {
		Reply reply = getRecord("X-Cybozu-API-Token", TestSeeds.VIEW_ONLY + "," + TestSeeds.ALL);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("GAIA_DA03");
	}

	@Test
	void aTokenWithoutThePermissionCannotRunTheApi() {
		Reply add = anonymous.json("POST", "/k/v1/record.json", "{\"app\":1}", "X-Cybozu-API-Token",
				TestSeeds.VIEW_EDIT);
		Reply delete = anonymous.delete("/k/v1/records.json?app=1&ids[0]=1", "X-Cybozu-API-Token", TestSeeds.VIEW_EDIT);
		Reply update = anonymous.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1}", "X-Cybozu-API-Token",
				TestSeeds.VIEW_ONLY);

		for (Reply reply : new Reply[] { add, delete, update }) {
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.code()).isEqualTo("GAIA_NO01");
		}
		assertThat(emulator.records(1)).hasSize(3);
	}

	@Test
	void authorizationBasicAndBearerHeadersAreTolerated() {
		assertThat(getRecord("Authorization", "Basic " + EmulatorHttp.basic("proxy", "pw"), "X-Cybozu-API-Token",
				TestSeeds.VIEW_ONLY)
			.status()).isEqualTo(200);
		assertThat(getRecord("Authorization", "Bearer abc", "X-Cybozu-API-Token", TestSeeds.VIEW_ONLY).status())
			.isEqualTo(200);
	}

	@Test
	void moreThanNineTokensAreRejected() {
		String tokens = String.join(",", Collections.nCopies(10, TestSeeds.VIEW_ONLY));

		assertThat(getRecord("X-Cybozu-API-Token", tokens).status()).isEqualTo(400);
	}

	@Test
	void recordsWrittenWithAPasswordNameTheUserAndWithATokenTheAdministrator() {
		Reply byUser = anonymous.json("POST", "/k/v1/record.json", "{\"app\":2}", "X-Cybozu-Authorization",
				EmulatorHttp.basic("alice", "secret"));
		Reply byToken = anonymous.json("POST", "/k/v1/record.json", "{\"app\":2}", "X-Cybozu-API-Token",
				TestSeeds.APP2);

		long userRecord = byUser.json().get("id").asLong();
		long tokenRecord = byToken.json().get("id").asLong();
		assertThat(emulator.record(2, userRecord).orElseThrow().creator().code()).isEqualTo("alice");
		assertThat(emulator.record(2, tokenRecord).orElseThrow().creator().code()).isEqualTo("Administrator");
	}

}
