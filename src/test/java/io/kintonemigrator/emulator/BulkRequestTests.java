package io.kintonemigrator.emulator;

import java.util.Collections;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.store.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §4 (checklist 16): {@code bulkRequest.json}. */
class BulkRequestTests {

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL + "," + TestSeeds.APP2);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private Reply bulk(String... requests) {
		return this.http.json("POST", "/k/v1/bulkRequest.json", "{\"requests\":[" + String.join(",", requests) + "]}");
	}

	@Test
	void requestsRunInOrderAcrossAppsAndAnswerEachResult() {
		Reply reply = bulk(
				"{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":2,\"record\":{\"legacy_id\":{\"value\":\"A-1\"}}}}",
				"{\"method\":\"PUT\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"id\":1,\"record\":{\"title\":{\"value\":\"moved\"}}}}",
				"{\"method\":\"PUT\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":2,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-1\"},\"record\":{}}}",
				"{\"method\":\"DELETE\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,\"ids\":[3]}}");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode results = reply.json().get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).get("id").asString()).isEqualTo("1");
		assertThat(results.get(1).get("revision").asString()).isEqualTo("2");
		assertThat(results.get(2).get("revision").asString()).isEqualTo("2");
		assertThat(results.get(3).propertyNames()).isEmpty();
		assertThat(this.emulator.records(2)).hasSize(1);
		assertThat(this.emulator.records(1)).extracting(StoredRecord::id).containsExactly(1L, 2L);
	}

	@Test
	void aFailureRollsEverythingBackAndIsReportedAtItsIndex() {
		String key = this.http.upload("a.txt", "text/plain", new byte[] { 1 }).json().get("fileKey").asString();

		Reply reply = bulk(
				"{\"method\":\"PUT\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"id\":2,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\""
						+ key + "\"}]}}}}",
				"{\"method\":\"POST\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":2,\"records\":[{}]}}",
				"{\"method\":\"PUT\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"id\":1,\"revision\":9,\"record\":{}}}",
				"{\"method\":\"DELETE\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,\"ids\":[3]}}");

		assertThat(reply.status()).isEqualTo(409);
		JsonNode results = reply.json().get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).propertyNames()).isEmpty();
		assertThat(results.get(1).propertyNames()).isEmpty();
		assertThat(results.get(2).get("code").asString()).isEqualTo("GAIA_CO02");
		assertThat(results.get(2).get("id").asString()).hasSize(20);
		assertThat(results.get(3).propertyNames()).isEmpty();
		assertThat(this.emulator.record(1, 2).orElseThrow().files("attachments")).isEmpty();
		assertThat(this.emulator.record(1, 2).orElseThrow().revision()).isEqualTo(1);
		assertThat(this.emulator.records(2)).isEmpty();
		assertThat(this.emulator.records(1)).hasSize(3);
		// the rolled-back attach did not consume the upload key
		assertThat(
				this.http
					.json("PUT", "/k/v1/record.json",
							"{\"app\":1,\"id\":2,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\"" + key
									+ "\"}]}}}")
					.status())
			.isEqualTo(200);
	}

	@Test
	void aStaleRevisionInTheSecondRecordsUpdateIs409AndUndoesTheFirst() {
		Reply reply = bulk(
				"{\"method\":\"PUT\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,\"records\":["
						+ "{\"id\":1,\"revision\":1,\"record\":{\"title\":{\"value\":\"changed\"}}}]}}",
				"{\"method\":\"PUT\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,\"records\":["
						+ "{\"id\":2,\"revision\":1,\"record\":{\"title\":{\"value\":\"second\"}}},"
						+ "{\"id\":3,\"revision\":7,\"record\":{\"title\":{\"value\":\"third\"}}}]}}");

		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().at("/results/0").propertyNames()).isEmpty();
		assertThat(reply.json().at("/results/1/code").asString()).isEqualTo("GAIA_CO02");
		assertThat(this.emulator.record(1, 1).orElseThrow().revision()).isEqualTo(1);
		assertThat(this.emulator.record(1, 2).orElseThrow().revision()).isEqualTo(1);
		assertThat(this.emulator.record(1, 1).orElseThrow().text("title")).isEqualTo("first");
	}

	@Test
	void laterRequestsSeeEarlierOnes() {
		Reply reply = bulk(
				"{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"record\":{\"legacy_id\":{\"value\":\"NEW\"}}}}",
				"{\"method\":\"PUT\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"NEW\"},\"revision\":1,\"record\":{\"title\":{\"value\":\"t\"}}}}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(this.emulator.record(1, 4).orElseThrow().text("title")).isEqualTo("t");
	}

	@Test
	void atMostTwentyRequests() {
		String one = "{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":2}}";

		Reply tooMany = bulk(Collections.nCopies(21, one).toArray(String[]::new));
		Reply twenty = bulk(Collections.nCopies(20, one).toArray(String[]::new));

		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.code()).isEqualTo("CB_VA01");
		assertThat(twenty.status()).isEqualTo(200);
		assertThat(this.emulator.records(2)).hasSize(20);
	}

	@Test
	void onlyRecordWritesAreAllowed() {
		Reply reply = bulk("{\"method\":\"GET\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1}}");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().at("/results/0/code").asString()).isEqualTo("CB_VA01");
	}

	@Test
	void subRequestsNeedTheirOwnAppPermissions() {
		Reply reply = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL)
			.json("POST", "/k/v1/bulkRequest.json",
					"{\"requests\":[" + "{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":1}},"
							+ "{\"method\":\"POST\",\"api\":\"/k/v1/record.json\",\"payload\":{\"app\":2}}]}");

		assertThat(reply.json().at("/results/1/code").asString()).isEqualTo("GAIA_IA02");
		assertThat(this.emulator.records(1)).hasSize(3);
	}

}
