package io.kintonemigrator.emulator;

import java.net.http.HttpRequest;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kintone-api.md §0 and §8.1: paths, parameters, method override, error JSON, languages,
 * common headers.
 */
class HttpConventionsTests {

	static KintoneEmulator emulator;

	static EmulatorHttp http;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).start();
		http = new EmulatorHttp(emulator.baseUrl()).withToken(TestSeeds.ALL);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void servesOnLocalhostWithAFreePort() {
		assertThat(emulator.baseUrl().toString()).isEqualTo("http://localhost:" + emulator.port());
		assertThat(emulator.port()).isPositive();
	}

	@Test
	void aPathWithUpperCaseIsNotFound() {
		assertThat(http.get("/k/v1/Record.json?app=1&id=1").status()).isEqualTo(404);
		assertThat(http.get("/k/v1/RECORDS.JSON?app=1").status()).isEqualTo(404);
		assertThat(http.get("/k/v1/record.json?app=1&id=1").status()).isEqualTo(200);
	}

	@Test
	void unknownApisAndMethodsAreNotFound() {
		assertThat(http.get("/k/v1/nothing.json").status()).isEqualTo(404);
		assertThat(http.delete("/k/v1/record.json?app=1&id=1").status()).isEqualTo(404);
		assertThat(http.get("/other").status()).isEqualTo(404);
	}

	@Test
	void errorBodyHasCodeRandomIdAndJapaneseMessageByDefault() {
		Reply first = http.get("/k/v1/record.json?app=1&id=999");
		Reply second = http.get("/k/v1/record.json?app=1&id=999");

		assertThat(first.status()).isEqualTo(404);
		assertThat(first.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=utf-8");
		JsonNode body = first.json();
		assertThat(body.get("code").asString()).isEqualTo("GAIA_RE01");
		assertThat(body.get("message").asString()).isEqualTo("指定したレコード（id: 999）が見つかりません。");
		assertThat(body.get("id").asString()).matches("[A-Za-z0-9]{20}");
		assertThat(body.get("id").asString()).isNotEqualTo(second.json().get("id").asString());
		assertThat(body.has("errors")).isFalse();
	}

	@Test
	void errorMessagesFollowAcceptLanguage() {
		assertThat(http.get("/k/v1/record.json?app=1&id=999", "Accept-Language", "en-US,en;q=0.9,ja;q=0.5")
			.json()
			.get("message")
			.asString()).isEqualTo("The specified record (ID: 999) is not found.");
		assertThat(http.get("/k/v1/record.json?app=1&id=999", "Accept-Language", "ja,en;q=0.8")
			.json()
			.get("message")
			.asString()).startsWith("指定したレコード");
		assertThat(http.get("/k/v1/record.json?app=1&id=999", "Accept-Language", "*").json().get("message").asString())
			.startsWith("指定したレコード");
	}

	@Test
	void validationErrorsCarryAnErrorsMap() {
		Reply reply = http.get("/k/v1/record.json?app=1", "Accept-Language", "en");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("CB_VA01");
		assertThat(reply.json().get("message").asString()).isEqualTo("Missing or invalid input.");
		assertThat(reply.json().at("/errors/id/messages/0").asString()).isEqualTo("Required field.");
	}

	@Test
	void everyResponseCarriesTheConcurrencyHeaders() {
		for (Reply reply : new Reply[] { http.get("/k/v1/record.json?app=1&id=1"),
				http.get("/k/v1/record.json?app=1&id=999"), http.get("/k/v1/Record.json") }) {
			assertThat(reply.header("X-ConcurrencyLimit-Limit")).isEqualTo("100");
			assertThat(Integer.parseInt(reply.header("X-ConcurrencyLimit-Running"))).isBetween(1, 100);
		}
	}

	@Test
	void arrayParametersComeIndexedOrRepeatedInTheQueryString() {
		JsonNode indexed = http.get("/k/v1/records.json?app=1&fields%5B0%5D=%24id&fields%5B1%5D=title").json();
		JsonNode repeated = http.get("/k/v1/records.json?app=1&fields=$id&fields=title").json();

		assertThat(indexed.at("/records/0").propertyNames()).containsExactlyInAnyOrder("$id", "title");
		assertThat(repeated.at("/records/0").propertyNames()).containsExactlyInAnyOrder("$id", "title");
	}

	@Test
	void getAcceptsParametersAsAJsonBody() {
		Reply reply = http.json("GET", "/k/v1/record.json", "{\"app\":1,\"id\":\"2\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().at("/record/title/value").asString()).isEqualTo("second");
	}

	@Test
	void getWithJsonContentTypeAndNoBodyIsAnIllegalRequest() {
		Reply reply = http.send(http.request("/k/v1/record.json?app=1&id=1")
			.header("Content-Type", "application/json")
			.method("GET", HttpRequest.BodyPublishers.noBody()));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("CB_IL02");
	}

	@Test
	void malformedJsonIsInvalidJsonString() {
		for (String bad : new String[] { "{\"app\":1,}", "{'app':1}", "{\"app\":1 /* c */}", "{\"title\":\"a\nb\"}" }) {
			Reply reply = http.json("POST", "/k/v1/record.json", bad);
			assertThat(reply.status()).as(bad).isEqualTo(400);
			assertThat(reply.code()).as(bad).isEqualTo("CB_IJ01");
		}
	}

	@Test
	void postWithUpperCaseMethodOverrideActsAsThatMethod() {
		Reply get = http.json("POST", "/k/v1/records.json", "{\"app\":1,\"query\":\"$id = 3\"}",
				"X-HTTP-Method-Override", "GET");
		Reply lowerCase = http.json("POST", "/k/v1/records.json", "{\"app\":1,\"query\":\"$id = 3\"}",
				"X-HTTP-Method-Override", "get");

		assertThat(get.status()).isEqualTo(200);
		assertThat(get.json().at("/records/0/$id/value").asString()).isEqualTo("3");
		// a lower-case override is ignored: this is a POST (add) without records
		assertThat(lowerCase.status()).isEqualTo(400);
		assertThat(lowerCase.json().at("/errors/records/messages/0").asString()).isEqualTo("必須です。");
	}

	@Test
	void methodOverrideWorksForPutAndDelete() {
		Reply put = http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"id\":3,\"record\":{\"title\":{\"value\":\"x\"}}}", "X-HTTP-Method-Override", "PUT");

		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("revision").asString()).isEqualTo("2");
		assertThat(emulator.record(1, 3).orElseThrow().text("title")).isEqualTo("x");
	}

}
