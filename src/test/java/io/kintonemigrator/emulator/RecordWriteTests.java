package io.kintonemigrator.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.store.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kintone-api.md §4: add, update, upsert, delete; limits, revisions, unique fields, all
 * or nothing.
 */
class RecordWriteTests {

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void addingARecordReturnsIdAndRevisionOne() {
		Reply reply = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"legacy_id\":{\"value\":\"A-9\"},\"amount\":{\"value\":5},\"tags\":{\"value\":[\"a\"]}}}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("id").asString()).isEqualTo("4");
		assertThat(reply.json().get("revision").asString()).isEqualTo("1");
		StoredRecord stored = this.emulator.record(1, 4).orElseThrow();
		assertThat(stored.text("legacy_id")).isEqualTo("A-9");
		assertThat(stored.text("amount")).isEqualTo("5");
		assertThat(stored.options("tags")).containsExactly("a");
	}

	@Test
	void addingManyRecordsReturnsIdsAndRevisions() {
		Reply reply = this.http.json("POST", "/k/v1/records.json",
				"{\"app\":1,\"records\":[{\"legacy_id\":{\"value\":\"B-1\"}},{}]}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(texts(reply.json().get("ids"))).containsExactly("4", "5");
		assertThat(texts(reply.json().get("revisions"))).containsExactly("1", "1");
	}

	@Test
	void moreThanOneHundredRecordsPerCallAreRejected() {
		String records = String.join(",", Collections.nCopies(101, "{}"));

		Reply add = this.http.json("POST", "/k/v1/records.json", "{\"app\":1,\"records\":[" + records + "]}",
				"Accept-Language", "en");
		Reply update = this.http.json("PUT", "/k/v1/records.json",
				"{\"app\":1,\"records\":[" + String.join(",", Collections.nCopies(101, "{\"id\":1}")) + "]}");

		assertThat(add.status()).isEqualTo(400);
		assertThat(add.code()).isEqualTo("CB_VA01");
		assertThat(add.json().at("/errors/records/messages/0").asString())
			.isEqualTo("A maximum of 100 records can be added at one time.");
		assertThat(update.json().at("/errors/records/messages/0").asString()).isEqualTo("一度に100件までのレコードを更新できます。");
		assertThat(this.emulator.records(1)).hasSize(3);
	}

	@Test
	void uniqueViolationNamesTheFieldAndAddsNothing() {
		Reply single = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"legacy_id\":{\"value\":\"A-1\"}}}");
		Reply bulk = this.http.json("POST", "/k/v1/records.json",
				"{\"app\":1,\"records\":[{\"legacy_id\":{\"value\":\"N-1\"}},{\"legacy_id\":{\"value\":\"N-1\"}}]}");

		assertThat(single.status()).isEqualTo(400);
		assertThat(single.code()).isEqualTo("CB_VA01");
		assertThat(single.json().at("/errors/record.legacy_id.value/messages/0").asString())
			.isEqualTo("値がほかのレコードと重複しています。");
		assertThat(bulk.json().get("errors").propertyNames()).containsExactly("records[1].legacy_id.value");
		assertThat(this.emulator.records(1)).hasSize(3);
	}

	@Test
	void emptyValuesAreNeverDuplicatesAndARecordDoesNotDuplicateItself() {
		assertThat(this.http.json("POST", "/k/v1/records.json", "{\"app\":1,\"records\":[{},{}]}").status())
			.isEqualTo(200);
		assertThat(this.http
			.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{\"legacy_id\":{\"value\":\"A-1\"}}}")
			.status()).isEqualTo(200);
	}

	@Test
	void aChangedOrDeletedUniqueValueIsFreeAgainAndTheNewValueIsFoundByUpdateKey() {
		this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"record\":{\"legacy_id\":{\"value\":\"Z-1\"}}}");
		this.http.delete("/k/v1/records.json?app=1&ids[0]=2");

		Reply reuseChanged = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"legacy_id\":{\"value\":\"A-1\"}}}");
		Reply reuseDeleted = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"legacy_id\":{\"value\":\"A-2\"}}}");
		Reply byNewKey = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"Z-1\"},\"record\":{}}");
		Reply byOldKey = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-1\"},\"record\":{}}");

		assertThat(reuseChanged.status()).isEqualTo(200);
		assertThat(reuseDeleted.status()).isEqualTo(200);
		assertThat(byNewKey.json().get("revision").asString()).isEqualTo("3");
		assertThat(this.emulator.record(1, 1).orElseThrow().revision()).isEqualTo(3);
		assertThat(byOldKey.status()).isEqualTo(200);
		assertThat(this.emulator.record(1, 4).orElseThrow().revision()).isEqualTo(2);
	}

	@Test
	void updatingByIdRaisesTheRevisionAndKeepsFieldsNotSent() {
		Reply reply = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":\"2\",\"record\":{\"title\":{\"value\":\"new\"}}}");

		assertThat(reply.json().get("revision").asString()).isEqualTo("2");
		StoredRecord stored = this.emulator.record(1, 2).orElseThrow();
		assertThat(stored.text("title")).isEqualTo("new");
		assertThat(stored.text("legacy_id")).isEqualTo("A-2");
		assertThat(stored.revision()).isEqualTo(2);
	}

	@Test
	void updatingByUpdateKeyFindsTheRecord() {
		Reply reply = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-3\"},\"record\":{\"title\":{\"value\":\"by key\"}}}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(this.emulator.record(1, 3).orElseThrow().text("title")).isEqualTo("by key");
	}

	@Test
	void updateKeyWithoutMatchIsNotFoundAndMustBeAUniqueField() {
		Reply noMatch = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"nope\"},\"record\":{}}");
		Reply notUnique = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"updateKey\":{\"field\":\"title\",\"value\":\"first\"},\"record\":{}}");
		Reply both = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-1\"}}");

		assertThat(noMatch.status()).isEqualTo(404);
		assertThat(noMatch.code()).isEqualTo("GAIA_RE20");
		assertThat(notUnique.code()).isEqualTo("CB_VA01");
		assertThat(notUnique.json().get("errors").propertyNames()).containsExactly("updateKey.field");
		assertThat(both.code()).isEqualTo("CB_VA01");
	}

	@Test
	void updateKeyNotFoundStatusIsConfigurable() {
		try (KintoneEmulator other = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.updateKeyNotFoundStatus(400)
			.start()) {
			Reply reply = new EmulatorHttp(other.baseUrl()).withToken(TestSeeds.ALL)
				.json("PUT", "/k/v1/record.json",
						"{\"app\":1,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"x\"}}");
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.code()).isEqualTo("GAIA_RE20");
		}
	}

	@Test
	void aStaleRevisionIsAConflictAndMinusOneSkipsTheCheck() {
		Reply stale = this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"revision\":5,\"record\":{}}");
		Reply current = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"revision\":\"1\",\"record\":{}}");
		Reply skipped = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"revision\":-1,\"record\":{}}");

		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("GAIA_CO02");
		assertThat(current.json().get("revision").asString()).isEqualTo("2");
		assertThat(skipped.json().get("revision").asString()).isEqualTo("3");
	}

	@Test
	void bulkUpdateIsAllOrNothing() {
		Reply conflict = this.http.json("PUT", "/k/v1/records.json",
				"{\"app\":1,\"records\":[" + "{\"id\":1,\"record\":{\"title\":{\"value\":\"changed\"}}},"
						+ "{\"id\":2,\"revision\":7,\"record\":{\"title\":{\"value\":\"changed\"}}}]}");
		Reply unknown = this.http.json("PUT", "/k/v1/records.json", "{\"app\":1,\"records\":["
				+ "{\"id\":1,\"record\":{\"title\":{\"value\":\"changed\"}}},{\"id\":999,\"record\":{}}]}");

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("GAIA_RE01");
		StoredRecord first = this.emulator.record(1, 1).orElseThrow();
		assertThat(first.text("title")).isEqualTo("first");
		assertThat(first.revision()).isEqualTo(1);
	}

	@Test
	void bulkUpdateReturnsIdsAndRevisions() {
		Reply reply = this.http.json("PUT", "/k/v1/records.json", "{\"app\":1,\"records\":["
				+ "{\"id\":1,\"record\":{\"title\":{\"value\":\"x\"}}},"
				+ "{\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-2\"},\"record\":{\"title\":{\"value\":\"y\"}}}]}");

		JsonNode records = reply.json().get("records");
		assertThat(records.get(0).get("id").asString()).isEqualTo("1");
		assertThat(records.get(0).get("revision").asString()).isEqualTo("2");
		assertThat(records.get(1).get("id").asString()).isEqualTo("2");
		assertThat(records.get(1).has("operation")).isFalse();
	}

	@Test
	void upsertInsertsWhatIsMissingAndReportsTheOperation() {
		Reply reply = this.http.json("PUT", "/k/v1/records.json", "{\"app\":1,\"upsert\":true,\"records\":["
				+ "{\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"A-1\"},\"record\":{\"title\":{\"value\":\"u\"}}},"
				+ "{\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"NEW\"},\"record\":{\"title\":{\"value\":\"i\"}}}]}");

		JsonNode records = reply.json().get("records");
		assertThat(records.get(0).get("operation").asString()).isEqualTo("UPDATE");
		assertThat(records.get(1).get("operation").asString()).isEqualTo("INSERT");
		assertThat(records.get(1).get("revision").asString()).isEqualTo("1");
		StoredRecord inserted = this.emulator.record(1, Long.parseLong(records.get(1).get("id").asString()))
			.orElseThrow();
		assertThat(inserted.text("legacy_id")).isEqualTo("NEW");
		assertThat(inserted.text("title")).isEqualTo("i");
	}

	@Test
	void deletingRecordsIsAllOrNothing() {
		Reply missing = this.http.delete("/k/v1/records.json?app=1&ids[0]=1&ids[1]=99");
		Reply stale = this.http.json("DELETE", "/k/v1/records.json", "{\"app\":1,\"ids\":[1,2],\"revisions\":[1,4]}");
		Reply deleted = this.http.delete("/k/v1/records.json?app=1&ids[0]=1&ids[1]=2");

		assertThat(missing.code()).isEqualTo("GAIA_RE01");
		assertThat(stale.code()).isEqualTo("GAIA_CO02");
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.text()).isEqualTo("{}");
		assertThat(this.emulator.records(1)).extracting(StoredRecord::id).containsExactly(3L);
	}

	@Test
	void invalidNumberIsAValidationError() {
		Reply reply = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"amount\":{\"value\":\"ten\"}}}");

		assertThat(reply.code()).isEqualTo("CB_VA01");
		assertThat(reply.json().get("errors").propertyNames()).containsExactly("record.amount.value");
	}

	@Test
	void timestampsHaveMinutePrecisionAndUpdatesNameTheModifier() {
		this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{}}");
		new EmulatorHttp(this.emulator.baseUrl()).withPassword("alice", "secret")
			.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{}}");

		StoredRecord record = this.emulator.record(1, 1).orElseThrow();
		assertThat(record.updatedAt().getEpochSecond() % 60).isZero();
		assertThat(record.modifier().code()).isEqualTo("alice");
		assertThat(record.creator().code()).isEqualTo("Administrator");
		assertThat(record.revision()).isEqualTo(3);
	}

	static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.values().forEach((v) -> texts.add(v.asString()));
		return texts;
	}

}
