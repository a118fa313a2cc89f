package io.kintonemigrator.emulator.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into {@link Token}s.
 *
 * <pre>
 * whitespace := ' ' | TAB | CR | LF | U+3000          (between tokens only)
 * NAME       := ( [A-Za-z0-9_$] | any non-ASCII character that is not whitespace )+, not starting with a digit
 * NUMBER     := '-'? DIGIT+ ( '.' DIGIT+ )?
 * STRING     := '"' ( any character except '"', '\' and control characters | escape )* '"'
 * escape     := '\"' | '\\' | '\t' | '\n' | '\r'
 * COMPARISON := '=' | '!=' | '&lt;' | '&gt;' | '&lt;=' | '&gt;='
 * punctuation:= '(' | ')' | ','
 * </pre>
 *
 * Anything else (single quotes, a raw control character inside a string, an unknown
 * escape, an unterminated string, a stray {@code !} …) is a syntax error:
 * {@link QueryErrors#syntax()}.
 */
final class Tokenizer {

	private final String query;

	private int position;

	private Tokenizer(String query) {
		this.query = query;
	}

	/** The tokens of {@code query}, ending with one {@link Token.Type#END}. */
	static List<Token> tokenize(String query) {
		return new Tokenizer(query).all();
	}

	private List<Token> all() {
		List<Token> tokens = new ArrayList<>();
		while (true) {
			skipWhitespace();
			if (this.position >= this.query.length()) {
				tokens.add(new Token(Token.Type.END, "", this.position));
				return tokens;
			}
			tokens.add(next());
		}
	}

	private Token next() {
		int start = this.position;
		char c = this.query.charAt(start);
		switch (c) {
			case '(':
				this.position++;
				return new Token(Token.Type.LEFT_PAREN, "(", start);
			case ')':
				this.position++;
				return new Token(Token.Type.RIGHT_PAREN, ")", start);
			case ',':
				this.position++;
				return new Token(Token.Type.COMMA, ",", start);
			case '"':
				return string();
			case '=':
				this.position++;
				return new Token(Token.Type.COMPARISON, "=", start);
			case '!':
				if (peek(1) != '=') {
					throw QueryErrors.syntax();
				}
				this.position += 2;
				return new Token(Token.Type.COMPARISON, "!=", start);
			case '<':
			case '>':
				this.position += (peek(1) == '=') ? 2 : 1;
				return new Token(Token.Type.COMPARISON, this.query.substring(start, this.position), start);
			default:
				if (c == '-' || isDigit(c)) {
					return number();
				}
				if (isNameChar(c)) {
					return name();
				}
				throw QueryErrors.syntax();
		}
	}

	private Token number() {
		int start = this.position;
		if (this.query.charAt(this.position) == '-') {
			this.position++;
		}
		digits();
		if (peek(0) == '.') {
			this.position++;
			digits();
		}
		if (this.position < this.query.length() && isNameChar(this.query.charAt(this.position))) {
			throw QueryErrors.syntax();
		}
		return new Token(Token.Type.NUMBER, this.query.substring(start, this.position), start);
	}

	private void digits() {
		int start = this.position;
		while (this.position < this.query.length() && isDigit(this.query.charAt(this.position))) {
			this.position++;
		}
		if (this.position == start) {
			throw QueryErrors.syntax();
		}
	}

	private Token name() {
		int start = this.position;
		while (this.position < this.query.length() && isNameChar(this.query.charAt(this.position))) {
			this.position++;
		}
		return new Token(Token.Type.NAME, this.query.substring(start, this.position), start);
	}

	private Token string() {
		int start = this.position;
		this.position++;
		StringBuilder value = new StringBuilder();
		while (this.position < this.query.length()) {
			char c = this.query.charAt(this.position++);
			if (c == '"') {
				return new Token(Token.Type.STRING, value.toString(), start);
			}
			if (Character.isISOControl(c)) {
				throw QueryErrors.syntax();
			}
			if (c == '\\') {
				value.append(escaped(peek(0)));
				this.position++;
			}
			else {
				value.append(c);
			}
		}
		throw QueryErrors.syntax();
	}

	private static char escaped(char c) {
		switch (c) {
			case '"':
			case '\\':
				return c;
			case 't':
				return '\t';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			default:
				throw QueryErrors.syntax();
		}
	}

	private void skipWhitespace() {
		while (this.position < this.query.length() && isWhitespace(this.query.charAt(this.position))) {
			this.position++;
		}
	}

	/** The character {@code offset} after the current one, or NUL past the end. */
	private char peek(int offset) {
		int index = this.position + offset;
		return (index < this.query.length()) ? this.query.charAt(index) : '\0';
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u3000';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isNameChar(char c) {
		if (c < 0x80) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$';
		}
		return !isWhitespace(c) && !Character.isISOControl(c) && !Character.isWhitespace(c)
				&& !Character.isSpaceChar(c);
	}

}
