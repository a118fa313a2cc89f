package io.kintonemigrator.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §3.4 (checklist 14): the cursor API. */
class CursorTests {

	TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		AppSeed.Builder app = AppSeed.builder(1, "Numbers")
			.field(FieldSpec.number("n"))
			.apiToken("token", TokenPermission.VIEW, TokenPermission.EDIT);
		for (int i = 1; i <= 250; i++) {
			int n = i;
			app.record((r) -> r.number("n", n % 10));
		}
		this.emulator = KintoneEmulator.builder()
			.clock(this.clock)
			.seed(EmulatorSeed.builder().app(app.build()).build())
			.start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken("token");
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private Reply create(String body) {
		return this.http.json("POST", "/k/v1/records/cursor.json", body);
	}

	private Reply read(String id) {
		return this.http.get("/k/v1/records/cursor.json?id=" + id);
	}

	@Test
	void aCursorPagesThroughTheSelectionAndDeletesItselfAtTheEnd() {
		Reply created = create("{\"app\":1,\"query\":\"n = 3 order by $id asc\",\"size\":10,\"fields\":[\"$id\"]}");
		assertThat(created.status()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("totalCount").isString()).isTrue();
		assertThat(created.json().get("totalCount").asString()).isEqualTo("25");

		List<Long> seen = new ArrayList<>();
		List<Boolean> nexts = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = read(id).json();
			body.get("records").values().forEach((r) -> seen.add(Long.parseLong(r.at("/$id/value").asString())));
			nexts.add(body.get("next").asBoolean());
			assertThat(body.at("/records/0").propertyNames()).containsExactly("$id");
		}

		assertThat(seen).hasSize(25).isSorted().allMatch((recordId) -> recordId % 10 == 3);
		assertThat(nexts).containsExactly(true, true, false);
		Reply afterEnd = read(id);
		assertThat(afterEnd.status()).isEqualTo(404);
		assertThat(afterEnd.code()).isEqualTo("GAIA_CN01");
	}

	@Test
	void sizeDefaultsToOneHundredAndMustBeBetweenOneAnd500() {
		String id = create("{\"app\":1}").json().get("id").asString();

		assertThat(read(id).json().get("records")).hasSize(100);
		for (String size : new String[] { "0", "501", "\"x\"" }) {
			Reply reply = create("{\"app\":1,\"size\":" + size + "}");
			assertThat(reply.status()).as(size).isEqualTo(400);
			assertThat(reply.code()).as(size).isEqualTo("CB_VA01");
		}
		assertThat(create("{\"app\":1,\"size\":500}").status()).isEqualTo(200);
	}

	@Test
	void aCursorQueryCannotHaveLimitOrOffset() {
		Reply reply = create("{\"app\":1,\"query\":\"n = 1 limit 5\"}");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("CB_VA01");
		assertThat(reply.json().get("errors").propertyNames()).containsExactly("query");
	}

	@Test
	void deletingAnswersAnEmptyObjectAndASecondDeleteIsNotFound() {
		String id = create("{\"app\":1}").json().get("id").asString();

		Reply deleted = this.http.json("DELETE", "/k/v1/records/cursor.json", "{\"id\":\"" + id + "\"}");
		Reply again = this.http.json("DELETE", "/k/v1/records/cursor.json", "{\"id\":\"" + id + "\"}");

		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.text()).isEqualTo("{}");
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.code()).isEqualTo("GAIA_CN01");
	}

	@Test
	void theEleventhLiveCursorOfTheDomainIsRefused() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ids.add(create("{\"app\":1}").json().get("id").asString());
		}

		Reply eleventh = create("{\"app\":1}");
		assertThat(eleventh.status()).isEqualTo(429);
		assertThat(eleventh.code()).isEqualTo("GAIA_TM12");

		this.http.delete("/k/v1/records/cursor.json?id=" + ids.get(0));
		assertThat(create("{\"app\":1}").status()).isEqualTo(200);
	}

	@Test
	void aCursorExpiresTenMinutesAfterItsLastRead() {
		String id = create("{\"app\":1,\"size\":100}").json().get("id").asString();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(read(id).json().get("next").asBoolean()).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(read(id).status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(10));

		assertThat(read(id).code()).isEqualTo("GAIA_CN01");
	}

	@Test
	void expiredCursorsFreeTheirSlots() {
		for (int i = 0; i < 10; i++) {
			create("{\"app\":1}");
		}
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(create("{\"app\":1}").status()).isEqualTo(200);
	}

	@Test
	void pagesShowCurrentValuesOfTheFixedSelection() {
		String id = create("{\"app\":1,\"query\":\"n = 1 order by $id asc\",\"size\":1}").json().get("id").asString();
		this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{\"n\":{\"value\":\"77\"}}}");

		JsonNode first = read(id).json().at("/records/0");

		assertThat(first.at("/$id/value").asString()).isEqualTo("1");
		assertThat(first.at("/n/value").asString()).isEqualTo("77");
	}

	@Test
	void aMissingCursorIsNotFound() {
		Reply reply = read("00000000-0000-0000-0000-000000000000");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.code()).isEqualTo("GAIA_CN01");
	}

}
