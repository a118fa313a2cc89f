package io.kintonemigrator.emulator;

import java.util.List;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §2 (checklist 10): SUBTABLE update semantics by row id. */
class SubtableTests {

	KintoneEmulator emulator;

	EmulatorHttp http;

	long firstRow;

	long secondRow;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder()
			.seed(EmulatorSeed.builder()
				.app(TestSeeds.contractsApp(1)
					.record((r) -> r.text("legacy_id", "A-1")
						.row("items", (row) -> row.text("item_no", "1").number("qty", 10))
						.row("items", (row) -> row.text("item_no", "2").number("qty", 20)))
					.build())
				.build())
			.start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
		List<StoredRow> rows = rows();
		this.firstRow = rows.get(0).id();
		this.secondRow = rows.get(1).id();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private List<StoredRow> rows() {
		return this.emulator.record(1, 1).orElseThrow().rows("items");
	}

	private Reply updateItems(String itemsValue) {
		return this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"record\":{\"items\":{\"value\":" + itemsValue + "}}}");
	}

	@Test
	void rowIdsAreStringsWhenRead() {
		String id = this.http.get("/k/v1/record.json?app=1&id=1").json().at("/record/items/value/0/id").asString();

		assertThat(id).isEqualTo(Long.toString(this.firstRow));
	}

	@Test
	void aRowSentWithItsIdIsMergedKeepingFieldsNotSent() {
		Reply reply = updateItems("[{\"id\":" + this.firstRow + ",\"value\":{\"qty\":{\"value\":\"11\"}}},"
				+ "{\"id\":\"" + this.secondRow + "\",\"value\":{}}]");

		assertThat(reply.status()).isEqualTo(200);
		List<StoredRow> rows = rows();
		assertThat(rows).extracting(StoredRow::id).containsExactly(this.firstRow, this.secondRow);
		assertThat(rows.get(0).text("item_no")).isEqualTo("1");
		assertThat(rows.get(0).text("qty")).isEqualTo("11");
		assertThat(rows.get(1).text("qty")).isEqualTo("20");
	}

	@Test
	void rowsNotSentAreDeleted() {
		updateItems("[{\"id\":" + this.secondRow + ",\"value\":{}}]");

		assertThat(rows()).extracting(StoredRow::id).containsExactly(this.secondRow);
	}

	@Test
	void rowsWithoutOrWithUnknownIdsAreNewRowsWithNewIds() {
		updateItems(
				"[{\"value\":{\"item_no\":{\"value\":\"3\"}}},{\"id\":987654,\"value\":{\"item_no\":{\"value\":\"4\"}}}]");

		List<StoredRow> rows = rows();
		assertThat(rows).hasSize(2);
		assertThat(rows).extracting((row) -> row.text("item_no")).containsExactly("3", "4");
		assertThat(rows).extracting(StoredRow::id)
			.doesNotContain(this.firstRow, this.secondRow, 987654L)
			.doesNotHaveDuplicates();
		assertThat(rows.get(1).text("qty")).isEmpty();
	}

	@Test
	void anEmptyArrayClearsTheTable() {
		updateItems("[]");

		assertThat(rows()).isEmpty();
	}

	@Test
	void omittingTheTableKeepsIt() {
		this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{\"title\":{\"value\":\"t\"}}}");

		assertThat(rows()).extracting(StoredRow::id).containsExactly(this.firstRow, this.secondRow);
	}

	@Test
	void rowIdsStayUniqueAcrossRecordsOfTheApp() {
		this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"items\":{\"value\":[{\"value\":{\"item_no\":{\"value\":\"x\"}}}]}}}");

		StoredRecord second = this.emulator.record(1, 2).orElseThrow();
		assertThat(second.rows("items").get(0).id()).isNotIn(this.firstRow, this.secondRow);
	}

}
