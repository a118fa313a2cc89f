package io.kintonemigrator.emulator.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.ComparisonTests.expected;
import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static io.kintonemigrator.emulator.query.Queries.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code order by}: multiple keys, types, empty values, the {@code $id} tie-break and the
 * default order.
 */
class OrderingTests {

	private static final List<MapRecord> RECORDS = List.of(
			MapRecord.id(1)
				.with("数値", "10")
				.with("文字列", "b")
				.with("日時", "2024-01-01T00:00:00Z")
				.with("日付", "2024-01-02"),
			MapRecord.id(2)
				.with("数値", "9")
				.with("文字列", "a")
				.with("日時", "2024-01-01T00:00:30Z")
				.with("日付", "2024-01-10"),
			MapRecord.id(3).with("数値", "10").with("文字列", "a").with("日時", "2023-12-31T23:59:00Z").with("日付", ""),
			MapRecord.id(4).with("数値", "").with("文字列", "b").with("日時", "").with("日付", "2023-12-31"),
			MapRecord.id(5)
				.with("数値", "9")
				.with("文字列", "b")
				.with("日時", "2024-01-01T00:01:00Z")
				.with("日付", "2024-01-02"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			order by 数値 asc                     | 4,5,2,3,1
			order by 数値                         | 4,5,2,3,1
			order by 数値 desc                    | 3,1,5,2,4
			order by 数値 asc, 文字列 desc          | 4,5,2,1,3
			order by 文字列 asc, 数値 desc          | 3,2,1,5,4
			order by 文字列, $id asc               | 2,3,1,4,5
			order by 日時 asc                      | 4,3,2,1,5
			order by 日付 desc, 数値 asc            | 2,5,1,4,3
			order by $id asc                      | 1,2,3,4,5
			order by $id desc                     | 5,4,3,2,1
			数値 = 9 order by $id asc              | 2,5
			""")
	void sortsByEveryKeyInTurn(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@Test
	void equalDateTimesWithinAMinuteTieAndFallBackToIdDescending() {
		// records 1 and 2 are in the same minute
		assertThat(ids("数値 in (9, 10) and 日時 >= \"2024-01-01T00:00:00Z\" order by 日時 asc", RECORDS)).containsExactly(2L,
				1L, 5L);
	}

	@Test
	void withoutOrderByTheOrderIsIdDescending() {
		assertThat(ids("数値 >= 9", RECORDS)).containsExactly(5L, 3L, 2L, 1L);
	}

	@Test
	void sortsNumbersNumericallyNotAsText() {
		List<MapRecord> records = List.of(MapRecord.id(1).with("レコード番号", "10"), MapRecord.id(2).with("レコード番号", "9"),
				MapRecord.id(3).with("レコード番号", "100"));
		assertThat(ids("order by レコード番号 asc", records)).containsExactly(2L, 1L, 3L);
	}

	@Test
	void sortsSystemFieldsOfTheEnglishEnvironment() {
		List<MapRecord> records = List.of(
				MapRecord.id(1).with("Created_by", "b").with("Updated_datetime", "2024-01-02T00:00:00Z"),
				MapRecord.id(2).with("Created_by", "a").with("Updated_datetime", "2024-01-01T00:00:00Z"));
		RecordQuery query = RecordQuery.parse("order by Created_by asc", MapSchema.english(), Queries.context());
		assertThat(Queries.ids(query, records)).containsExactly(2L, 1L);
		query = RecordQuery.parse("order by Updated_datetime desc", MapSchema.english(), Queries.context());
		assertThat(Queries.ids(query, records)).containsExactly(1L, 2L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "チェック", "複数選択", "添付", "複数行", "リッチ", "明細", "数量", "品名" })
	void refusesFieldsKintoneCannotSortBy(String field) {
		QueryException ex = failsWith("GAIA_IQ10", () -> Queries.parse("order by " + field + " asc"));
		assertThat(ex.messageEn()).contains(field);
	}

	@Test
	void refusesUnknownSortField() {
		failsWith("GAIA_IQ11", () -> Queries.parse("order by 存在しない desc"));
	}

}
