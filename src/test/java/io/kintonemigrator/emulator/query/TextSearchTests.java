package io.kintonemigrator.emulator.query;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kintonemigrator.emulator.query.ComparisonTests.expected;
import static io.kintonemigrator.emulator.query.Queries.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code like}/{@code not like}, {@code is empty}/{@code is not empty} and list fields.
 */
class TextSearchTests {

	private static final List<MapRecord> RECORDS = List.of(
			MapRecord.id(1)
				.with("文字列", "Quarterly Report 2024")
				.with("複数行", "line one\nline two")
				.with("リッチ", "<b>Bold</b> text")
				.withAll("添付", "invoice.pdf", "photo.JPG")
				.withAll("チェック", "A", "B"),
			MapRecord.id(2)
				.with("文字列", "ＡＢＣ商事 見積書")
				.with("複数行", " \t\n ")
				.with("リッチ", "")
				.withAll("添付")
				.withAll("チェック", "C"),
			MapRecord.id(3)
				.with("文字列", "")
				.with("複数行", "")
				.with("リッチ", "plain")
				.withAll("添付", "report.xlsx")
				.withAll("チェック"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			文字列 like "report"            | 1
			文字列 like "REPORT 2024"       | 1
			文字列 like "2024 quarterly"    | 1
			文字列 like "abc"               | 2
			文字列 like "見積"               | 2
			文字列 not like "report"        | 3,2
			文字列 like ""                  | 3,2,1
			複数行 like "two"                | 1
			リッチ like "bold"               | 1
			添付 like "invoice"              | 1
			添付 like "jpg"                  | 1
			添付 like "report"               | 3
			添付 not like "report"           | 2,1
			""")
	void likeIsACaseAndWidthInsensitiveTokenSearch(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			複数行 is empty           | 3,2
			複数行 is not empty       | 1
			リッチ is empty           | 2
			添付 is empty             | 2
			添付 is not empty         | 3,1
			""")
	void isEmptyTreatsWhitespaceOnlyAndNoFilesAsEmpty(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			チェック in ("B")             | 1
			チェック in ("C", "X")        | 2
			チェック in ("")              | 3
			チェック not in ("A")         | 3,2
			チェック not in ("A", "C")    | 3
			""")
	void checkBoxMatchesWhenAnySelectedOptionIsListed(String query, String expected) {
		assertThat(ids(query, RECORDS)).isEqualTo(expected(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			複数選択 in ("x")          | 2,1
			複数選択 not in ("x")      | 3
			""")
	void multiSelectBehavesLikeCheckBox(String query, String expected) {
		List<MapRecord> records = List.of(MapRecord.id(1).withAll("複数選択", "x", "y"),
				MapRecord.id(2).withAll("複数選択", "x"), MapRecord.id(3).withAll("複数選択", "y"));
		assertThat(ids(query, records)).isEqualTo(expected(expected));
	}

}
