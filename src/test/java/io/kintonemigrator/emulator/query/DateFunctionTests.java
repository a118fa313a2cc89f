package io.kintonemigrator.emulator.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kintonemigrator.emulator.query.Queries.TOKYO;
import static io.kintonemigrator.emulator.query.Queries.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every date function against a fixed clock in Asia/Tokyo. The default instant is
 * 2024-03-31T15:30Z, which is already Monday 2024-04-01 00:30 in Tokyo, so a function
 * that used UTC would be off by a day (and a month).
 */
class DateFunctionTests {

	@ParameterizedTest(name = "{0} = [{1}, {2})")
	@CsvSource(textBlock = """
			TODAY(),                 2024-04-01, 2024-04-02
			YESTERDAY(),             2024-03-31, 2024-04-01
			TOMORROW(),              2024-04-02, 2024-04-03
			NOW(),                   2024-04-01, 2024-04-02
			'FROM_TODAY(5, DAYS)',   2024-04-06, 2024-04-07
			'FROM_TODAY(-1, WEEKS)', 2024-03-25, 2024-03-26
			'FROM_TODAY(1, MONTHS)', 2024-05-01, 2024-05-02
			'FROM_TODAY(-2, YEARS)', 2022-04-01, 2022-04-02
			'FROM_TODAY(0, DAYS)',   2024-04-01, 2024-04-02
			THIS_WEEK(),             2024-03-31, 2024-04-07
			THIS_WEEK(SUNDAY),       2024-03-31, 2024-04-01
			THIS_WEEK(MONDAY),       2024-04-01, 2024-04-02
			THIS_WEEK(SATURDAY),     2024-04-06, 2024-04-07
			LAST_WEEK(),             2024-03-24, 2024-03-31
			LAST_WEEK(WEDNESDAY),    2024-03-27, 2024-03-28
			NEXT_WEEK(),             2024-04-07, 2024-04-14
			NEXT_WEEK(FRIDAY),       2024-04-12, 2024-04-13
			THIS_MONTH(),            2024-04-01, 2024-05-01
			THIS_MONTH(1),           2024-04-01, 2024-04-02
			THIS_MONTH(15),          2024-04-15, 2024-04-16
			THIS_MONTH(LAST),        2024-04-30, 2024-05-01
			THIS_MONTH(31),          2024-05-01, 2024-05-02
			LAST_MONTH(),            2024-03-01, 2024-04-01
			LAST_MONTH(31),          2024-03-31, 2024-04-01
			LAST_MONTH(LAST),        2024-03-31, 2024-04-01
			NEXT_MONTH(),            2024-05-01, 2024-06-01
			NEXT_MONTH(LAST),        2024-05-31, 2024-06-01
			THIS_YEAR(),             2024-01-01, 2025-01-01
			LAST_YEAR(),             2023-01-01, 2024-01-01
			NEXT_YEAR(),             2025-01-01, 2026-01-01
			""")
	void evaluatesEveryFunctionInTheContextZone(String function, LocalDate from, LocalDate until) {
		assertThat(days(function, Queries.NOW)).isEqualTo(new Interval(from.toEpochDay(), until.toEpochDay()));
	}

	@ParameterizedTest(name = "{0} = [{1}, {2})")
	@CsvSource(textBlock = """
			TODAY(),             2024-01-01, 2024-01-02
			YESTERDAY(),         2023-12-31, 2024-01-01
			THIS_WEEK(),         2023-12-31, 2024-01-07
			LAST_WEEK(SATURDAY), 2023-12-30, 2023-12-31
			LAST_MONTH(),        2023-12-01, 2024-01-01
			LAST_MONTH(LAST),    2023-12-31, 2024-01-01
			THIS_YEAR(),         2024-01-01, 2025-01-01
			LAST_YEAR(),         2023-01-01, 2024-01-01
			'FROM_TODAY(-1, DAYS)', 2023-12-31, 2024-01-01
			""")
	void crossesTheYearBoundaryAtTokyoMidnight(String function, LocalDate from, LocalDate until) {
		// 2024-01-01 00:00 in Tokyo, still 2023 in UTC
		Instant newYear = Instant.parse("2023-12-31T15:00:00Z");
		assertThat(days(function, newYear)).isEqualTo(new Interval(from.toEpochDay(), until.toEpochDay()));
	}

	@ParameterizedTest(name = "{0} = [{1}, {2})")
	@CsvSource(textBlock = """
			THIS_MONTH(LAST),        2024-02-29, 2024-03-01
			THIS_MONTH(29),          2024-02-29, 2024-03-01
			THIS_MONTH(30),          2024-03-01, 2024-03-02
			THIS_MONTH(),            2024-02-01, 2024-03-01
			'FROM_TODAY(1, MONTHS)', 2024-02-29, 2024-03-01
			NEXT_MONTH(LAST),        2024-02-29, 2024-03-01
			""")
	void handlesShortMonthsAndLeapDays(String function, LocalDate from, LocalDate until) {
		Instant endOfJanuary = Instant.parse("2024-01-31T03:00:00Z");
		Instant february = Instant.parse("2024-02-10T03:00:00Z");
		Instant now = function.startsWith("FROM_TODAY") || function.startsWith("NEXT") ? endOfJanuary : february;
		assertThat(days(function, now)).isEqualTo(new Interval(from.toEpochDay(), until.toEpochDay()));
	}

	private static final List<MapRecord> CREATED = List.of(MapRecord.id(1).with("作成日時", "2024-03-31T14:59:00Z"),
			MapRecord.id(2).with("作成日時", "2024-03-31T15:00:00Z"), MapRecord.id(3).with("作成日時", "2024-03-31T15:30:00Z"),
			MapRecord.id(4).with("作成日時", "2024-04-01T14:59:00Z"), MapRecord.id(5).with("作成日時", "2024-04-01T15:00:00Z"),
			MapRecord.id(6).with("作成日時", "2024-02-29T15:00:00Z"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			作成日時 = TODAY()          | 4,3,2
			作成日時 != TODAY()         | 6,5,1
			作成日時 > TODAY()          | 5
			作成日時 >= TODAY()         | 5,4,3,2
			作成日時 < TODAY()          | 6,1
			作成日時 <= TODAY()         | 6,4,3,2,1
			作成日時 = YESTERDAY()      | 1
			作成日時 = TOMORROW()       | 5
			作成日時 = NOW()            | 3
			作成日時 < NOW()            | 6,2,1
			作成日時 >= THIS_MONTH()    | 5,4,3,2
			作成日時 = LAST_MONTH()     | 6,1
			作成日時 = THIS_WEEK()      | 5,4,3,2,1
			作成日時 = LAST_MONTH(1)    | 6
			作成日時 = THIS_YEAR()      | 6,5,4,3,2,1
			作成日時 < FROM_TODAY(-30, DAYS) | 6
			""")
	void dateFunctionsOnDateTimesCoverTheWholeTokyoPeriod(String query, String expected) {
		assertThat(ids(query, CREATED)).isEqualTo(ComparisonTests.expected(expected));
	}

	@Test
	void functionsAreEvaluatedOnceWhenTheQueryIsParsed() {
		TestClock clock = new TestClock(Queries.NOW, TOKYO);
		RecordQuery query = RecordQuery.parse("日付 = TODAY()", MapSchema.japanese(),
				new QueryContext(clock, TOKYO, null));
		clock.set(Instant.parse("2024-06-01T00:00:00Z"));
		assertThat(query.matches(MapRecord.id(1).with("日付", "2024-04-01"))).isTrue();
	}

	private static Interval days(String function, Instant now) {
		Expression.Condition condition = (Expression.Condition) QueryParser.parse("日付 = " + function).filter();
		return DateFunctions.evaluate((Operand.Call) condition.operands().get(0), ValueKind.DATE,
				Queries.context(now, null));
	}

}
