package io.kintonemigrator.emulator.query;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static io.kintonemigrator.emulator.query.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Every error code a query can produce, with its status and messages. */
class QueryErrorTests {

	@Test
	void syntaxErrorIsCbVa01WithTheQueryMessage() {
		QueryException ex = failsWith("CB_VA01", () -> parse("数値 = = 1"));
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.messageJa()).isEqualTo("入力内容が正しくありません。");
		assertThat(ex.messageEn()).isEqualTo("Missing or invalid input.");
		assertThat(ex.errors()).isEqualTo(Map.of("query", List.of("クエリ記法が間違っています。")));
		assertThat(ex.errorsEn()).isEqualTo(Map.of("query", List.of("Query syntax is invalid.")));
		assertThat(ex.getMessage()).startsWith("CB_VA01");
	}

	@Test
	void rawControlCharacterInALiteralIsCbVa01() {
		failsWith("CB_VA01", () -> parse("文字列 = \"a\tb\""));
		assertThat(parse("文字列 = \"a\\tb\"").matches(MapRecord.id(1).with("文字列", "a\tb"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "存在しない = 1", "数値 = 1 or 無い in (\"x\")", "Record_number > 1", "$revision = 1" })
	void unknownFieldIsIq11(String query) {
		QueryException ex = failsWith("GAIA_IQ11", () -> parse(query));
		assertThat(ex.messageJa()).startsWith("指定されたフィールド（").endsWith("）が見つかりません。");
		assertThat(ex.errors()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			選択 = "A"              | 選択   | =
			ラジオ != "x"            | ラジオ  | !=
			チェック = "A"           | チェック | =
			複数選択 > "A"           | 複数選択 | >
			作成者 = "sato"          | 作成者  | =
			更新者 like "sato"       | 更新者  | like
			複数行 = "x"             | 複数行  | =
			リッチ in ("x")          | リッチ  | in
			添付 = "a.pdf"           | 添付   | =
			数値 like "1"            | 数値   | like
			数値 is empty            | 数値   | is
			$id not like "1"         | $id   | not like
			レコード番号 is not empty   | レコード番号 | is not
			文字列 > "a"             | 文字列  | >
			文字列 is empty          | 文字列  | is
			リンク <= "a"            | リンク  | <=
			日付 in ("2024-01-01")   | 日付   | in
			日時 like "2024"         | 日時   | like
			時刻 not in ("10:00")    | 時刻   | not in
			作成日時 is empty         | 作成日時 | is
			明細 = "x"               | 明細   | =
			""")
	void operatorNotAllowedForTheTypeIsIq03(String query, String field, String operator) {
		QueryException ex = failsWith("GAIA_IQ03", () -> parse(query));
		assertThat(ex.messageJa()).isEqualTo(field + "フィールドのフィールドタイプには演算子" + operator + "を使用できません。");
		assertThat(ex.messageEn()).contains(operator).contains(field);
	}

	@ParameterizedTest
	@ValueSource(strings = { "数値 = \"abc\"", "数値 > \"1,000\"", "$id = \"x\"", "日付 = \"tomorrow\"",
			"日付 = \"2024-13-01\"", "日付 > \"2024/01/01\"", "日時 > \"yesterday\"", "日時 = \"2024-01-01T25:00:00Z\"",
			"時刻 = \"25:00\"", "時刻 < \"noon\"", "数量 in (\"many\")" })
	void valueThatIsNotOfTheFieldsTypeIsIq10(String query) {
		failsWith("GAIA_IQ10", () -> parse(query));
	}

	@ParameterizedTest
	@ValueSource(strings = { "文字列 = TODAY()", "時刻 = NOW()", "作成者 in (TODAY())", "日付 = LOGINUSER()",
			"選択 in (PRIMARY_ORGANIZATION())", "文字列 like TODAY()", "数値 > NOW()" })
	void functionTheFieldDoesNotAcceptIsIl08(String query) {
		QueryException ex = failsWith("GAIA_IL08", () -> parse(query));
		assertThat(ex.messageJa()).startsWith("クエリの指定が不正です。");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TODAY(1)", "NOW(x)", "FROM_TODAY(1)", "FROM_TODAY()", "FROM_TODAY(x, DAYS)",
			"FROM_TODAY(1.5, DAYS)", "FROM_TODAY(1, DAYS, 2)", "FROM_TODAY(99999999999999999999, DAYS)",
			"THIS_WEEK(MON)", "THIS_WEEK(1)", "LAST_WEEK(monday)", "NEXT_WEEK(MONDAY, FRIDAY)", "THIS_MONTH(1, 2)",
			"LAST_YEAR(1)", "YESTERDAY(\"x\")" })
	void wrongFunctionArgumentsAreIl08(String function) {
		QueryException ex = failsWith("GAIA_IL08", () -> parse("日付 = " + function));
		assertThat(ex.messageEn()).startsWith("The query is invalid.");
	}

	@Test
	void loginUserWithArgumentsIsIl08() {
		failsWith("GAIA_IL08", () -> parse("作成者 in (LOGINUSER(1))"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "THIS_MONTH(0)", "THIS_MONTH(32)", "LAST_MONTH(-1)", "NEXT_MONTH(FIRST)",
			"THIS_MONTH(1.5)", "THIS_MONTH(\"x\")", "THIS_MONTH(last)", "THIS_MONTH(1000)" })
	void invalidDayOfMonthIsIq23(String function) {
		QueryException ex = failsWith("GAIA_IQ23", () -> parse("日時 >= " + function));
		assertThat(ex.messageJa()).startsWith("指定した日にち（").endsWith("）は無効です。1から31までの整数で指定します。");
	}

	@ParameterizedTest
	@ValueSource(strings = { "FROM_TODAY(1, DAY)", "FROM_TODAY(1, HOURS)", "FROM_TODAY(1, days)", "FROM_TODAY(1, 2)" })
	void invalidFromTodayUnitIsIq25(String function) {
		QueryException ex = failsWith("GAIA_IQ25", () -> parse("日付 < " + function));
		assertThat(ex.messageJa()).isEqualTo("FROM_TODAY()の第2引数には、「DAYS」「WEEKS」「MONTHS」「YEARS」のいずれかを指定します。");
	}

	@Test
	void unknownFieldIsReportedBeforeAnythingElseAboutTheCondition() {
		failsWith("GAIA_IQ11", () -> parse("無い = THIS_MONTH(99)"));
		failsWith("GAIA_IQ03", () -> parse("選択 = THIS_MONTH(99)"));
	}

}
