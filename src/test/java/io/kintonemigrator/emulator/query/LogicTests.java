package io.kintonemigrator.emulator.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.ComparisonTests.expected;
import static io.kintonemigrator.emulator.query.Queries.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code and}, {@code or}, parentheses, and the empty query. */
class LogicTests {

	// 数値 = id, 文字列 = "even"/"odd"
	private static final List<MapRecord> RECORDS = List.of(MapRecord.id(1).with("数値", "1").with("文字列", "odd"),
			MapRecord.id(2).with("数値", "2").with("文字列", "even"), MapRecord.id(3).with("数値", "3").with("文字列", "odd"),
			MapRecord.id(4).with("数値", "4").with("文字列", "even"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			数値 > 1 and 数値 < 4                                 | 3,2
			数値 = 1 or 数値 = 4                                  | 4,1
			数値 = 1 or 文字列 = "even" and 数値 > 2                 | 4,1
			(数値 = 1 or 文字列 = "even") and 数値 > 2               | 4
			文字列 = "even" and 数値 > 2 or 数値 = 1                 | 4,1
			文字列 = "even" and (数値 > 2 or 数値 = 1)               | 4
			((数値 = 1 or 数値 = 2) and (数値 = 2 or 数値 = 3)) or 数値 = 4 | 4,2
			数値 = 1 and 数値 = 2                                 | ''
			""")
	void andBindsTighterThanOrAndParenthesesRegroup(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   ", "\n\t\u3000" })
	void emptyQueryMatchesEverythingInDefaultOrder(String query) {
		RecordQuery parsed = RecordQuery.parse(query, MapSchema.japanese(), Queries.context());
		assertThat(ids(parsed, RECORDS)).containsExactly(4L, 3L, 2L, 1L);
		assertThat(parsed.limit()).isEmpty();
		assertThat(parsed.offset()).isEmpty();
	}

	@Test
	void queryIsReusableAcrossRecordsAndThreads() {
		RecordQuery query = Queries.parse("数値 >= 2 and 文字列 = \"even\"");
		List<Long> sequential = ids(query, RECORDS);
		List<Long> parallel = RECORDS.parallelStream().filter(query::matches).map(MapRecord::id).sorted().toList();
		assertThat(sequential).containsExactly(4L, 2L);
		assertThat(parallel).containsExactly(2L, 4L);
	}

}
