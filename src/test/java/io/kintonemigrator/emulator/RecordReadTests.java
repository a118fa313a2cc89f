package io.kintonemigrator.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §3.1–3.2: {@code GET record.json} and {@code GET records.json}. */
class RecordReadTests {

	static final Instant START = Instant.parse("2026-03-01T01:02:03.456Z");

	static KintoneEmulator emulator;

	static EmulatorHttp http;

	@BeforeAll
	static void start() {
		AppSeed.Builder many = AppSeed.builder(7, "Many")
			.field(FieldSpec.number("n"))
			.apiToken("many-token", TokenPermission.VIEW);
		for (int i = 1; i <= 620; i++) {
			int n = i;
			many.record((r) -> r.number("n", n));
		}
		emulator = KintoneEmulator.builder()
			.clock(new TestClock(START))
			.seed(TestSeeds.contracts())
			.seed(EmulatorSeed.builder().app(many.build()).build())
			.start();
		http = new EmulatorHttp(emulator.baseUrl()).withToken(TestSeeds.VIEW_ONLY + ",many-token");
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void recordCarriesSystemFieldsAsKintoneShapesThem() {
		JsonNode record = http.get("/k/v1/record.json?app=1&id=1").json().get("record");

		assertThat(record.at("/$id/type").asString()).isEqualTo("__ID__");
		assertThat(record.at("/$id/value").asString()).isEqualTo("1");
		assertThat(record.at("/$revision/type").asString()).isEqualTo("__REVISION__");
		assertThat(record.at("/$revision/value").asString()).isEqualTo("1");
		assertThat(record.at("/レコード番号/type").asString()).isEqualTo("RECORD_NUMBER");
		assertThat(record.at("/レコード番号/value").asString()).isEqualTo("1");
		assertThat(record.at("/作成日時/value").asString()).isEqualTo("2026-03-01T01:02:00Z");
		assertThat(record.at("/更新日時/type").asString()).isEqualTo("UPDATED_TIME");
		assertThat(record.at("/作成者/value/code").asString()).isEqualTo("Administrator");
		assertThat(record.at("/更新者/value/name").isString()).isTrue();
		assertThat(record.has("ステータス")).isFalse();
	}

	@Test
	void recordCarriesUserFieldsWithStringValues() {
		JsonNode record = http.get("/k/v1/record.json?app=1&id=1").json().get("record");

		assertThat(record.at("/legacy_id/type").asString()).isEqualTo("SINGLE_LINE_TEXT");
		assertThat(record.at("/legacy_id/value").asString()).isEqualTo("A-1");
		assertThat(record.at("/amount/value").isString()).isTrue();
		assertThat(record.at("/amount/value").asString()).isEqualTo("10");
		assertThat(record.at("/tags/value").isArray()).isTrue();
		JsonNode file = record.at("/attachments/value/0");
		assertThat(file.get("name").asString()).isEqualTo("見積書.pdf");
		assertThat(file.get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(file.get("size").isString()).isTrue();
		assertThat(file.get("size").asString()).isEqualTo("5");
		assertThat(file.get("fileKey").asString()).matches("\\d{14}[0-9A-F]{35}");
		JsonNode row = record.at("/items/value/0");
		assertThat(row.get("id").isString()).isTrue();
		assertThat(row.at("/value/item_no/value").asString()).isEqualTo("1");
		assertThat(row.at("/value/drawing/value/0/size").asString()).isEqualTo("3000");
	}

	@Test
	void missingRecordIsNotFoundAndMissingIdIsRequired() {
		Reply missing = http.get("/k/v1/record.json?app=1&id=99999");
		Reply noId = http.get("/k/v1/record.json?app=1");

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.code()).isEqualTo("GAIA_RE01");
		assertThat(noId.status()).isEqualTo(400);
		assertThat(noId.json().at("/errors/id/messages/0").asString()).isEqualTo("必須です。");
	}

	@Test
	void recordsDefaultToOneHundredInIdDescendingOrder() {
		JsonNode body = http.get("/k/v1/records.json?app=7").json();

		assertThat(ids(body)).hasSize(100);
		assertThat(ids(body).get(0)).isEqualTo(620);
		assertThat(ids(body).get(99)).isEqualTo(521);
		assertThat(body.get("totalCount").isNull()).isTrue();
	}

	@Test
	void totalCountIsAStringWhenAsked() {
		JsonNode body = http.get("/k/v1/records.json?app=7&totalCount=true&query=" + q("n > 600")).json();

		assertThat(body.get("totalCount").isString()).isTrue();
		assertThat(body.get("totalCount").asString()).isEqualTo("20");
	}

	@Test
	void seekPagingByIdReadsEveryRecordOnce() {
		List<Long> seen = new ArrayList<>();
		long last = 0;
		while (true) {
			List<Long> page = ids(
					http.get("/k/v1/records.json?app=7&query=" + q("$id > " + last + " order by $id asc limit 500"))
						.json());
			seen.addAll(page);
			if (page.size() < 500) {
				break;
			}
			last = page.get(page.size() - 1);
		}
		assertThat(seen).hasSize(620).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void limitAbove500AndOffsetAbove10000AreRejected() {
		Reply limit = http.get("/k/v1/records.json?app=7&query=" + q("limit 501"));
		Reply offset = http.get("/k/v1/records.json?app=7&query=" + q("offset 10001"));

		assertThat(limit.status()).isEqualTo(400);
		assertThat(limit.code()).isEqualTo("GAIA_QU01");
		assertThat(offset.status()).isEqualTo(400);
		assertThat(offset.code()).isEqualTo("GAIA_QU02");
		assertThat(ids(http.get("/k/v1/records.json?app=7&query=" + q("limit 500 offset 10000")).json())).isEmpty();
	}

	@Test
	void fieldsParameterSelectsFields() {
		JsonNode record = http.get("/k/v1/records.json?app=1&fields[0]=legacy_id&fields[1]=$revision")
			.json()
			.at("/records/0");

		assertThat(record.propertyNames()).containsExactlyInAnyOrder("legacy_id", "$revision");
	}

	@Test
	void queryFiltersOnTextFields() {
		JsonNode body = http.get("/k/v1/records.json?app=1&query=" + q("legacy_id in (\"A-1\", \"A-3\")")).json();

		assertThat(ids(body)).containsExactly(3L, 1L);
	}

	@Test
	void queryErrorsCarryTheQueryLanguagesCodes() {
		Reply unknownField = http.get("/k/v1/records.json?app=1&query=" + q("nope = \"x\""));
		Reply syntax = http.get("/k/v1/records.json?app=1&query=" + q("legacy_id = "), "Accept-Language", "en");

		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.code()).isEqualTo("GAIA_IQ11");
		assertThat(syntax.status()).isEqualTo(400);
		assertThat(syntax.code()).isEqualTo("CB_VA01");
		assertThat(syntax.json().at("/errors/query/messages").isArray()).isTrue();
		assertThat(syntax.json().at("/errors/query/messages/0").asString()).isNotBlank();
	}

	/**
	 * The English text as the kintone CLI's own scenarios observed it on kintone
	 * (features/record/export).
	 */
	@Test
	void anUnknownFieldInAQueryIsNamedInKintonesWords() {
		Reply english = http.get("/k/v1/records.json?app=1&query=" + q("Unknown_Field >= 20"), "Accept-Language", "en");
		Reply japanese = http.get("/k/v1/records.json?app=1&query=" + q("order by Unknown_Field desc"));

		assertThat(english.json().get("message").asString()).isEqualTo("Specified field (Unknown_Field) not found.");
		assertThat(japanese.json().get("message").asString()).isEqualTo("指定されたフィールド（Unknown_Field）が見つかりません。");
	}

	@Test
	void queryReachesFieldsInsideSubtables() {
		JsonNode body = http.get("/k/v1/records.json?app=1&query=" + q("item_no in (\"1\")")).json();

		assertThat(ids(body)).containsExactly(1L);
	}

	static List<Long> ids(JsonNode body) {
		List<Long> ids = new ArrayList<>();
		body.get("records").values().forEach((r) -> ids.add(Long.parseLong(r.at("/$id/value").asString())));
		return ids;
	}

	static String q(String query) {
		return URLEncoder.encode(query, StandardCharsets.UTF_8);
	}

}
