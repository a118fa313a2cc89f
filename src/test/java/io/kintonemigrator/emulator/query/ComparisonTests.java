package io.kintonemigrator.emulator.query;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kintonemigrator.emulator.query.Queries.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code = != > < >= <=} on every type that allows them, with the type's own notion of
 * order.
 */
class ComparisonTests {

	private static final List<MapRecord> NUMBERS = List.of(MapRecord.id(1).with("数値", "9").with("レコード番号", "1"),
			MapRecord.id(2).with("数値", "10").with("レコード番号", "2"),
			MapRecord.id(3).with("数値", "-2.50").with("レコード番号", "3"),
			MapRecord.id(4).with("数値", "").with("レコード番号", "4"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			数値 = 10          | 2
			数値 = "10.0"      | 2
			数値 != 10         | 4,3,1
			数値 > 9           | 2
			数値 >= 9          | 2,1
			数値 < 9           | 3
			数値 <= -2.5       | 3
			数値 in (9, "10")  | 2,1
			数値 not in (9)    | 4,3,2
			数値 = ""          | 4
			数値 != ""         | 3,2,1
			数値 > ""          | ''
			$id = 3            | 3
			$id > 1            | 4,3,2
			$id <= "2"         | 2,1
			$id in (1, 4)      | 4,1
			$id not in (1, 4)  | 3,2
			レコード番号 >= 3      | 4,3
			レコード番号 != 1      | 4,3,2
			""")
	void comparesNumbersNumerically(String query, String expected) {
		assertThat(ids(query, NUMBERS)).isEqualTo(expected(expected));
	}

	private static final List<MapRecord> TEXTS = List.of(
			MapRecord.id(1).with("文字列", "Apple").with("リンク", "https://a.example").with("選択", "A"),
			MapRecord.id(2).with("文字列", "apple").with("リンク", "").with("選択", "B").with("ラジオ", "はい"),
			MapRecord.id(3).with("文字列", "").with("リンク", "https://b.example").with("ラジオ", "いいえ"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			文字列 = "Apple"                 | 1
			文字列 != "Apple"                | 3,2
			文字列 = ""                      | 3
			文字列 in ("apple", "Banana")    | 2
			文字列 not in ("apple")          | 3,1
			リンク = "https://a.example"      | 1
			リンク in ("", "https://b.example") | 3,2
			選択 in ("A", "C")               | 1
			選択 in ("")                     | 3
			選択 not in ("A")                | 3,2
			ラジオ in ("はい")                 | 2
			ラジオ not in ("はい", "いいえ")     | 1
			""")
	void comparesTextsChoicesAndLinksExactly(String query, String expected) {
		assertThat(ids(query, TEXTS)).isEqualTo(expected(expected));
	}

	private static final List<MapRecord> USERS = List.of(MapRecord.id(1).with("作成者", "sato").with("更新者", "suzuki"),
			MapRecord.id(2).with("作成者", "suzuki").with("更新者", "sato"),
			MapRecord.id(3).with("作成者", "tanaka").with("更新者", "tanaka"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			作成者 in ("sato", "tanaka")       | 3,1
			作成者 not in ("sato")             | 3,2
			作成者 in (LOGINUSER())            | 1
			更新者 in (LOGINUSER(), "tanaka")  | 3,2
			更新者 not in (LOGINUSER())        | 3,1
			""")
	void comparesUsersByCodeAndLoginUser(String query, String expected) {
		assertThat(ids(query, USERS)).isEqualTo(expected(expected));
	}

	@Test
	void loginUserMatchesNobodyWithoutAUser() {
		RecordQuery query = RecordQuery.parse("作成者 in (LOGINUSER())", MapSchema.japanese(),
				Queries.context(Queries.NOW, null));
		assertThat(ids(query, USERS)).isEmpty();
	}

	private static final List<MapRecord> TIMES = List.of(
			MapRecord.id(1).with("日付", "2024-03-31").with("時刻", "09:00").with("日時", "2024-03-31T14:59:00Z"),
			MapRecord.id(2).with("日付", "2024-04-01").with("時刻", "09:01").with("日時", "2024-03-31T15:00:00Z"),
			MapRecord.id(3).with("日付", "2024-04-02").with("時刻", "23:59").with("日時", "2024-04-01T15:00:00Z"),
			MapRecord.id(4).with("日付", "").with("時刻", "").with("日時", ""));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			日付 = "2024-04-01"                    | 2
			日付 = "2024-4-1"                      | 2
			日付 != "2024-04-01"                   | 4,3,1
			日付 > "2024-04-01"                    | 3
			日付 >= "2024-04-01"                   | 3,2
			日付 < "2024-04-01"                    | 1
			日付 <= "2024-04-01"                   | 2,1
			日付 = ""                              | 4
			時刻 = "09:00"                         | 1
			時刻 > "09:00"                         | 3,2
			時刻 <= "09:01:59"                     | 2,1
			日時 = "2024-03-31T15:00:00Z"          | 2
			日時 = "2024-04-01T00:00:00+09:00"     | 2
			日時 = "2024-04-01T00:00"              | 2
			日時 = "2024-03-31T15:00:42Z"          | 2
			日時 > "2024-03-31T15:00:00Z"          | 3
			日時 >= "2024-03-31T15:00:00Z"         | 3,2
			日時 < "2024-03-31T15:00:00Z"          | 1
			日時 = "2024-04-01"                    | 2
			日時 = "2024-03-31"                    | 1
			日時 >= "2024-04-01"                   | 3,2
			日時 > "2024-04-01"                    | 3
			日時 < "2024-04-02"                    | 2,1
			日時 <= "2024-04-01"                   | 2,1
			日時 = ""                              | 4
			""")
	void comparesDatesTimesAndDateTimesChronologically(String query, String expected) {
		assertThat(ids(query, TIMES)).isEqualTo(expected(expected));
	}

	@Test
	void comparesDateTimesAtMinutePrecision() {
		List<MapRecord> records = List.of(MapRecord.id(1).with("作成日時", "2024-04-01T03:04:59Z"),
				MapRecord.id(2).with("作成日時", "2024-04-01T03:05:00Z"));
		assertThat(ids("作成日時 = \"2024-04-01T03:04:00Z\"", records)).containsExactly(1L);
		assertThat(ids("作成日時 > \"2024-04-01T03:04:30Z\"", records)).containsExactly(2L);
		assertThat(ids("作成日時 <= \"2024-04-01T03:04:00Z\"", records)).containsExactly(1L);
	}

	@Test
	void dateLiteralOnDateTimeFieldIsTheDayInTheContextZone() {
		// 2024-04-01 in Tokyo is 2024-03-31T15:00Z .. 2024-04-01T15:00Z
		List<MapRecord> records = List.of(MapRecord.id(1).with("更新日時", "2024-03-31T14:59:00Z"),
				MapRecord.id(2).with("更新日時", "2024-04-01T14:59:00Z"),
				MapRecord.id(3).with("更新日時", "2024-04-01T15:00:00Z"));
		assertThat(ids("更新日時 = \"2024-04-01\"", records)).containsExactly(2L);
		RecordQuery utc = RecordQuery.parse("更新日時 = \"2024-04-01\"", MapSchema.japanese(),
				new QueryContext(Clock.systemUTC(), ZoneOffset.UTC, null));
		assertThat(ids(utc, records)).containsExactly(3L, 2L);
	}

	static List<Long> expected(String ids) {
		if (ids.isBlank()) {
			return List.of();
		}
		return Arrays.stream(ids.split(",")).map(String::strip).map(Long::valueOf).toList();
	}

}
