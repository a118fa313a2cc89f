package io.kintonemigrator.emulator.query;

import java.util.Locale;

/**
 * One lexical token of a query. {@code text} is the token as written, except for
 * {@link Type#STRING} where it is the unescaped value.
 *
 * @param type what kind of token this is
 * @param text the token's text
 * @param position the offset of the token's first character in the query
 */
record Token(Type type, String text, int position) {

	/** Token kinds. */
	enum Type {

		/**
		 * A field code, keyword ({@code and}, {@code order} …), function name or function
		 * argument symbol.
		 */
		NAME,
		/** A double-quoted string literal. */
		STRING,
		/** An integer or decimal number, optionally negative. */
		NUMBER,
		/** {@code = != < > <= >=}. */
		COMPARISON, LEFT_PAREN, RIGHT_PAREN, COMMA, END

	}

	/** Whether this is the keyword {@code keyword} (keywords are case-insensitive). */
	boolean isKeyword(String keyword) {
		return this.type == Type.NAME && this.text.toLowerCase(Locale.ROOT).equals(keyword);
	}

}
