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
 * Fields inside a SUBTABLE: a condition holds when some row satisfies it;
 * {@code =}/{@code !=} are refused.
 */
class SubtableTests {

	private static final List<MapRecord> RECORDS = List.of(
			MapRecord.id(1)
				.withAll("数量", "1", "5")
				.withAll("品名", "ねじ", "ボルト")
				.withAll("納期", "2024-04-01", "2024-05-01")
				.withAll("明細添付", "spec.pdf")
				.withAll("区分", "X", "Y"),
			MapRecord.id(2)
				.withAll("数量", "3")
				.withAll("品名", "ナット")
				.withAll("納期", "2024-03-01")
				.withAll("明細添付")
				.withAll("区分", "X"),
			MapRecord.id(3).withAll("数量").withAll("品名").withAll("納期").withAll("明細添付").withAll("区分"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			数量 > 4                      | 1
			数量 >= 3                     | 2,1
			数量 < 2                      | 1
			数量 in (3, 5)                | 2,1
			数量 not in (3)               | 3,1
			数量 not in (1)               | 3,2
			品名 in ("ボルト")              | 1
			品名 like "ナット"              | 2
			品名 not like "ねじ"            | 3,2
			納期 in ("2024-03-01")        | 2
			納期 not in ("2024-03-01")    | 3,1
			納期 > "2024-04-15"           | 1
			納期 in (THIS_MONTH(1))       | 1
			納期 < TODAY()                | 2
			明細添付 is empty               | 3,2
			明細添付 is not empty           | 1
			明細添付 like "spec"            | 1
			区分 in ("Y")                  | 1
			区分 not in ("Y")              | 3,2
			区分 in ("")                   | 3
			""")
	void positiveOperatorsMatchWhenSomeRowMatches(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@Test
	void conditionsOnTheSameTableAreNotTiedToOneRow() {
		// kintone would require one row with both; the emulator looks at each condition
		// on its own (documented)
		assertThat(ids("数量 > 4 and 品名 in (\"ねじ\")", RECORDS)).containsExactly(1L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "数量 = 1", "数量 != 1", "品名 = \"ねじ\"", "納期 != \"2024-03-01\"", "区分 = \"X\"", "明細添付 = \"a\"" })
	void equalityOnAFieldInATableIsIq07(String query) {
		QueryException ex = failsWith("GAIA_IQ07", () -> Queries.parse(query));
		assertThat(ex.messageJa()).startsWith("レコードを読み込めません。テーブルに設定している場合、").contains("演算子");
		assertThat(ex.status()).isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "明細 in (\"x\")", "明細 is empty", "明細 like \"x\"", "区分 like \"X\"", "品名 is empty" })
	void operatorsTheTypeNeverAllowsAreStillIq03(String query) {
		failsWith("GAIA_IQ03", () -> Queries.parse(query));
	}

}
