package io.kintonemigrator.emulator;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * kintone-api.md §4 (checklist 16) for what the migrator's record updates send through
 * {@code bulkRequest.json}: {@code PUT records.json} sub-requests (also by the
 * guest-space path), their revision checks, and the all-or-nothing answer with the error
 * object at the failing index and {@code {}} elsewhere.
 */
class BulkRequestUpdateRecordsTests {

	static final String TOKEN = "orders-token";

	static final String GUEST_TOKEN = "guest-orders-token";

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder()
			.seed(EmulatorSeed.builder()
				.app(AppSeed.builder(1, "Orders")
					.field(FieldSpec.singleLineText("Text").unique())
					.field(FieldSpec.file("Attachment"))
					.apiToken(TOKEN, TokenPermission.values())
					.record((r) -> r.text("Text", "a"))
					.record((r) -> r.text("Text", "b"))
					.record((r) -> r.text("Text", "c"))
					.build())
				.app(AppSeed.builder(2, "Guest orders")
					.guestSpace(7)
					.field(FieldSpec.singleLineText("Text"))
					.apiToken(GUEST_TOKEN, TokenPermission.values())
					.record((r) -> r.text("Text", "g"))
					.build())
				.build())
			.start();
		this.http = new EmulatorHttp(this.emulator.baseUrl());
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private Reply bulk(String path, String token, String... requests) {
		return this.http.json("POST", path, "{\"requests\":[" + String.join(",", requests) + "]}", "X-Cybozu-API-Token",
				token);
	}

	private static String putRecords(String api, long app, String records) {
		return "{\"method\":\"PUT\",\"api\":\"" + api + "\",\"payload\":{\"app\":" + app + ",\"records\":[" + records
				+ "]}}";
	}

	private static String update(long id, String revision, String text) {
		return "{\"id\":" + id + ",\"revision\":" + revision + ",\"record\":{\"Text\":{\"value\":\"" + text + "\"}}}";
	}

	@Test
	void putRecordsSubRequestsUpdateInOrderAndAnswerTheirRevisions() {
		Reply reply = bulk("/k/v1/bulkRequest.json", TOKEN,
				putRecords("/k/v1/records.json", 1, update(1, "1", "a2") + "," + update(2, "\"1\"", "b2")),
				putRecords("/k/v1/records.json", 1, update(1, "2", "a3") + "," + update(3, "-1", "c2")));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode results = reply.json().get("results");
		assertThat(results).hasSize(2);
		assertThat(results.at("/0/records/0/id").asString()).isEqualTo("1");
		assertThat(results.at("/0/records/0/revision").asString()).isEqualTo("2");
		assertThat(results.at("/0/records/1/revision").asString()).isEqualTo("2");
		assertThat(results.at("/1/records/0/revision").asString()).isEqualTo("3");
		assertThat(results.at("/1/records/1/id").asString()).isEqualTo("3");
		assertThat(this.emulator.records(1)).extracting((record) -> record.text("Text"), StoredRecord::revision)
			.containsExactly(tuple("a3", 3L), tuple("b2", 2L), tuple("c2", 2L));
	}

	@Test
	void aStaleRevisionInAPutRecordsSubRequestRollsBackEverySubRequest() {
		Reply reply = bulk("/k/v1/bulkRequest.json", TOKEN,
				"{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"record\":{\"Text\":{\"value\":\"d\"}}}}",
				putRecords("/k/v1/records.json", 1, update(1, "1", "a2")),
				putRecords("/k/v1/records.json", 1, update(2, "1", "b2") + "," + update(3, "5", "c2")),
				"{\"method\":\"DELETE\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,\"ids\":[1]}}");

		assertThat(reply.status()).isEqualTo(409);
		JsonNode results = reply.json().get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).propertyNames()).isEmpty();
		assertThat(results.get(1).propertyNames()).isEmpty();
		assertThat(results.get(2).get("code").asString()).isEqualTo("GAIA_CO02");
		assertThat(results.get(2).get("message").asString()).isNotEmpty();
		assertThat(results.get(3).propertyNames()).isEmpty();
		assertThat(this.emulator.records(1)).extracting((record) -> record.text("Text"), StoredRecord::revision)
			.containsExactly(tuple("a", 1L), tuple("b", 1L), tuple("c", 1L));
	}

	@Test
	void aGuestSpaceBulkRequestUpdatesRecordsByTheGuestSpacePath() {
		Reply reply = bulk("/k/guest/7/v1/bulkRequest.json", GUEST_TOKEN,
				putRecords("/k/guest/7/v1/records.json", 2, update(1, "1", "g2")));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().at("/results/0/records/0/revision").asString()).isEqualTo("2");
		assertThat(this.emulator.record(2, 1).orElseThrow().text("Text")).isEqualTo("g2");
	}

	@Test
	void aGuestSpaceAppIsNotUpdatedOutsideItsGuestSpacePath() {
		Reply plainSubRequest = bulk("/k/guest/7/v1/bulkRequest.json", GUEST_TOKEN,
				putRecords("/k/guest/7/v1/records.json", 2, update(1, "1", "g2")),
				putRecords("/k/v1/records.json", 2, update(1, "2", "g3")));
		Reply plainBulk = bulk("/k/v1/bulkRequest.json", GUEST_TOKEN,
				putRecords("/k/v1/records.json", 2, update(1, "1", "g2")));

		assertThat(plainSubRequest.status()).isEqualTo(403);
		assertThat(plainSubRequest.json().at("/results/0").propertyNames()).isEmpty();
		assertThat(plainSubRequest.json().at("/results/1/code").asString()).isEqualTo("CB_NO02");
		assertThat(plainBulk.status()).isEqualTo(400);
		assertThat(plainBulk.json().at("/results/0/code").asString()).isEqualTo("GAIA_IL23");
		StoredRecord record = this.emulator.record(2, 1).orElseThrow();
		assertThat(record.text("Text")).isEqualTo("g");
		assertThat(record.revision()).isEqualTo(1);
	}

}
