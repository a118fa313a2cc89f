package io.kintonemigrator.emulator.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTests {

	@Test
	void splitsFieldOperatorAndValueWithoutSpaces() {
		assertThat(types("数値_0>=-1.5")).containsExactly(Token.Type.NAME, Token.Type.COMPARISON, Token.Type.NUMBER,
				Token.Type.END);
		assertThat(texts("数値_0>=-1.5")).containsExactly("数値_0", ">=", "-1.5", "");
	}

	@Test
	void readsEveryComparisonOperator() {
		assertThat(texts("a = b != c < d > e <= f >= g")).containsExactly("a", "=", "b", "!=", "c", "<", "d", ">", "e",
				"<=", "f", ">=", "g", "");
	}

	@Test
	void acceptsSpacesTabsNewlinesAndIdeographicSpaceBetweenTokens() {
		assertThat(texts("a\t=\r\n\"x\"\u3000and b in(1,2)")).containsExactly("a", "=", "x", "and", "b", "in", "(", "1",
				",", "2", ")", "");
	}

	@Test
	void unescapesQuotesBackslashesTabsAndNewlines() {
		List<Token> tokens = Tokenizer.tokenize("\"say \\\"hi\\\" \\\\ \\t\\n\\r\"");
		assertThat(tokens.get(0).type()).isEqualTo(Token.Type.STRING);
		assertThat(tokens.get(0).text()).isEqualTo("say \"hi\" \\ \t\n\r");
	}

	@Test
	void keepsDollarInFieldCodes() {
		assertThat(texts("$id > 5")).containsExactly("$id", ">", "5", "");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "\"raw\ttab\"", "\"raw\nnewline\"", "\"raw\rreturn\"", "\"unterminated", "\"bad escape \\x\"",
					"\"trailing backslash\\", "'single quotes'", "a ! b", "- 1", "1.", "5abc", "a & b", "a % b" })
	void rejectsWhatKintoneRejectsAsSyntax(String query) {
		QueryException ex = failsWith("CB_VA01", () -> Tokenizer.tokenize(query));
		assertThat(ex.errors()).containsEntry("query", List.of("クエリ記法が間違っています。"));
	}

	private static List<Token.Type> types(String query) {
		return Tokenizer.tokenize(query).stream().map(Token::type).toList();
	}

	private static List<String> texts(String query) {
		return Tokenizer.tokenize(query).stream().map(Token::text).toList();
	}

}
