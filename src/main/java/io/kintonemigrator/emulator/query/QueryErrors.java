package io.kintonemigrator.emulator.query;

import java.util.List;
import java.util.Map;

/**
 * Builds every {@link QueryException} the query package throws, with kintone's codes and
 * wording (as observed on real kintone where known, see
 * {@code /work/shared/kintone-api.md} §3.3).
 */
final class QueryErrors {

	private static final String INVALID_INPUT_JA = "入力内容が正しくありません。";

	private static final String INVALID_INPUT_EN = "Missing or invalid input.";

	private static final String SYNTAX_JA = "クエリ記法が間違っています。";

	private static final String SYNTAX_EN = "Query syntax is invalid.";

	private QueryErrors() {
	}

	/**
	 * {@code CB_VA01} with {@code errors.query = ["クエリ記法が間違っています。"]}: any syntax error.
	 */
	static QueryException syntax() {
		return new QueryException("CB_VA01", INVALID_INPUT_JA, INVALID_INPUT_EN, Map.of("query", List.of(SYNTAX_JA)),
				Map.of("query", List.of(SYNTAX_EN)));
	}

	/** {@code GAIA_IQ11}: the app has no field with this code. */
	static QueryException unknownField(String code) {
		return new QueryException("GAIA_IQ11", "指定されたフィールド（" + code + "）が見つかりません。",
				"Specified field (" + code + ") not found.");
	}

	/** {@code GAIA_IQ03}: the operator cannot be used with the field's type. */
	static QueryException operatorNotAllowed(String code, String operator) {
		return new QueryException("GAIA_IQ03", code + "フィールドのフィールドタイプには演算子" + operator + "を使用できません。",
				"The operator " + operator + " cannot be used with the field type of the field (" + code + ").");
	}

	/**
	 * {@code GAIA_IQ07}: {@code =}/{@code !=} on a field inside a table (kintone wants
	 * in/not in).
	 */
	static QueryException equalityInSubtable(String code, String operator) {
		return new QueryException("GAIA_IQ07",
				"レコードを読み込めません。テーブルに設定している場合、" + code + "フィールドのフィールドタイプには、演算子" + operator + "を使用できません。",
				"Failed to read records. The operator " + operator + " cannot be used with the field (" + code
						+ ") in a table. Use \"in\" or \"not in\" instead.");
	}

	/**
	 * {@code GAIA_IQ10}: a query option (limit, offset, order by) has a value kintone
	 * cannot use.
	 */
	static QueryException invalidOption(String option, String value) {
		return new QueryException("GAIA_IQ10", "クエリのオプション（" + option + "）に指定した値（" + value + "）が不正です。",
				"The value (" + value + ") specified for the query option (" + option + ") is invalid.");
	}

	/** {@code GAIA_IQ10}: the field cannot be used in {@code order by}. */
	static QueryException unsortableField(String code) {
		return new QueryException("GAIA_IQ10", "並び替えの条件に指定したフィールド（" + code + "）は並び替えに使用できません。",
				"The field (" + code + ") specified in \"order by\" cannot be used for sorting.");
	}

	/**
	 * {@code GAIA_IQ10}: a value cannot be read as a value of the field's type (e.g. text
	 * for a NUMBER).
	 */
	static QueryException invalidValue(String code, String value) {
		return new QueryException("GAIA_IQ10", code + "フィールドに指定した値（" + value + "）が不正です。",
				"The value (" + value + ") specified for the field (" + code + ") is invalid.");
	}

	/** {@code GAIA_QU01}: limit above 500. */
	static QueryException limitTooLarge() {
		return new QueryException("GAIA_QU01", "limit には 500 以下の値を指定してください。",
				"Specify a value of 500 or less for limit.");
	}

	/** {@code GAIA_QU02}: offset above 10,000. */
	static QueryException offsetTooLarge() {
		return new QueryException("GAIA_QU02", "offset には 10,000 以下の値を指定してください。",
				"Specify a value of 10,000 or less for offset.");
	}

	/** {@code CB_VA01}: a negative limit or offset. */
	static QueryException negativeOption(String option) {
		return new QueryException("CB_VA01", INVALID_INPUT_JA, INVALID_INPUT_EN,
				Map.of("query", List.of(option + " には 0 以上の値を指定してください。")),
				Map.of("query", List.of("Specify a value of 0 or more for " + option + ".")));
	}

	/**
	 * {@code GAIA_IQ23}: THIS_MONTH/LAST_MONTH/NEXT_MONTH with a day that is not 1–31 or
	 * LAST.
	 */
	static QueryException invalidDayOfMonth(String value) {
		return new QueryException("GAIA_IQ23", "指定した日にち（" + value + "）は無効です。1から31までの整数で指定します。",
				"The specified day (" + value + ") is invalid. Specify an integer from 1 to 31, or LAST.");
	}

	/**
	 * {@code GAIA_IQ25}: FROM_TODAY with a unit other than DAYS, WEEKS, MONTHS, YEARS.
	 */
	static QueryException invalidFromTodayUnit() {
		return new QueryException("GAIA_IQ25", "FROM_TODAY()の第2引数には、「DAYS」「WEEKS」「MONTHS」「YEARS」のいずれかを指定します。",
				"Specify DAYS, WEEKS, MONTHS or YEARS as the second argument of FROM_TODAY().");
	}

	/**
	 * {@code GAIA_IL08} "クエリの指定が不正です。": a function with the wrong arguments, or one that
	 * cannot be used with the field or operator; {@code detailEn} names the problem and
	 * the fix.
	 */
	static QueryException illegalFunctionUse(String detailJa, String detailEn) {
		return new QueryException("GAIA_IL08", "クエリの指定が不正です。" + detailJa, "The query is invalid. " + detailEn);
	}

}
