package io.kintonemigrator.emulator.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser from {@link Token}s to a {@link QueryAst}. It checks syntax
 * only; field codes, operator/type rules and option values are checked by
 * {@link QueryCompiler}. Every violation of the grammar is {@link QueryErrors#syntax()}
 * ({@code CB_VA01}).
 *
 * <pre>
 * query     := [ or ] [ orderBy ] { limit | offset }      each option at most once; order by comes first
 * or        := and { "or" and }                           "and" binds tighter than "or"
 * and       := primary { "and" primary }
 * primary   := "(" or ")" | condition
 * condition := FIELD ( COMPARISON operand
 *                    | [ "not" ] "in" "(" operand { "," operand } ")"
 *                    | [ "not" ] "like" operand
 *                    | "is" [ "not" ] "empty" )
 * operand   := STRING | NUMBER | call
 * call      := FUNCTION "(" [ argument { "," argument } ] ")"
 * argument  := STRING | NUMBER | NAME
 * orderBy   := "order" "by" FIELD [ "asc" | "desc" ] { "," FIELD [ "asc" | "desc" ] }
 * limit     := "limit" value        offset := "offset" value       value := NUMBER | NAME | STRING
 * </pre>
 *
 * Keywords are case-insensitive; function names are kintone's upper-case names
 * ({@link #FUNCTIONS}).
 */
final class QueryParser {

	/** Every function kintone's query language knows. */
	static final Set<String> FUNCTIONS = Set.of("LOGINUSER", "PRIMARY_ORGANIZATION", "NOW", "TODAY", "YESTERDAY",
			"TOMORROW", "FROM_TODAY", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH",
			"THIS_YEAR", "LAST_YEAR", "NEXT_YEAR");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "like", "is", "empty", "order", "by",
			"asc", "desc", "limit", "offset");

	private final List<Token> tokens;

	private int index;

	private QueryParser(List<Token> tokens) {
		this.tokens = tokens;
	}

	/** Parses a whole query; a blank query has no filter and no options. */
	static QueryAst parse(String query) {
		return new QueryParser(Tokenizer.tokenize(query)).query();
	}

	private QueryAst query() {
		Expression filter = null;
		if (!atOption() && peek().type() != Token.Type.END) {
			filter = or();
		}
		List<QueryAst.SortKey> orderBy = List.of();
		if (peek().isKeyword("order")) {
			orderBy = orderBy();
		}
		Token limit = null;
		Token offset = null;
		while (peek().type() != Token.Type.END) {
			if (peek().isKeyword("limit") && limit == null) {
				next();
				limit = optionValue();
			}
			else if (peek().isKeyword("offset") && offset == null) {
				next();
				offset = optionValue();
			}
			else {
				throw QueryErrors.syntax();
			}
		}
		return new QueryAst(filter, orderBy, limit, offset);
	}

	private boolean atOption() {
		Token token = peek();
		return token.isKeyword("order") || token.isKeyword("limit") || token.isKeyword("offset");
	}

	private Expression or() {
		Expression left = and();
		while (peek().isKeyword("or")) {
			next();
			left = new Expression.Or(left, and());
		}
		return left;
	}

	private Expression and() {
		Expression left = primary();
		while (peek().isKeyword("and")) {
			next();
			left = new Expression.And(left, primary());
		}
		return left;
	}

	private Expression primary() {
		if (peek().type() == Token.Type.LEFT_PAREN) {
			next();
			Expression inner = or();
			expect(Token.Type.RIGHT_PAREN);
			return inner;
		}
		return condition();
	}

	private Expression condition() {
		String field = fieldCode();
		Token token = next();
		if (token.type() == Token.Type.COMPARISON) {
			return new Expression.Condition(field, Operator.comparison(token.text()), List.of(operand()));
		}
		boolean negated = false;
		if (token.isKeyword("not")) {
			negated = true;
			token = next();
		}
		if (token.isKeyword("in")) {
			return new Expression.Condition(field, negated ? Operator.NOT_IN : Operator.IN, inList());
		}
		if (token.isKeyword("like")) {
			return new Expression.Condition(field, negated ? Operator.NOT_LIKE : Operator.LIKE, List.of(operand()));
		}
		if (!negated && token.isKeyword("is")) {
			boolean not = peek().isKeyword("not");
			if (not) {
				next();
			}
			if (!next().isKeyword("empty")) {
				throw QueryErrors.syntax();
			}
			return new Expression.Condition(field, not ? Operator.IS_NOT_EMPTY : Operator.IS_EMPTY, List.of());
		}
		throw QueryErrors.syntax();
	}

	private List<Operand> inList() {
		expect(Token.Type.LEFT_PAREN);
		List<Operand> operands = new ArrayList<>();
		operands.add(operand());
		while (peek().type() == Token.Type.COMMA) {
			next();
			operands.add(operand());
		}
		expect(Token.Type.RIGHT_PAREN);
		return operands;
	}

	private Operand operand() {
		Token token = next();
		switch (token.type()) {
			case STRING:
				return new Operand.Text(token.text());
			case NUMBER:
				return new Operand.Number(token.text());
			case NAME:
				return call(token);
			default:
				throw QueryErrors.syntax();
		}
	}

	private Operand call(Token name) {
		if (!FUNCTIONS.contains(name.text()) || peek().type() != Token.Type.LEFT_PAREN) {
			throw QueryErrors.syntax();
		}
		next();
		List<Operand> arguments = new ArrayList<>();
		if (peek().type() != Token.Type.RIGHT_PAREN) {
			arguments.add(argument());
			while (peek().type() == Token.Type.COMMA) {
				next();
				arguments.add(argument());
			}
		}
		expect(Token.Type.RIGHT_PAREN);
		return new Operand.Call(name.text(), arguments);
	}

	private Operand argument() {
		Token token = next();
		switch (token.type()) {
			case STRING:
				return new Operand.Text(token.text());
			case NUMBER:
				return new Operand.Number(token.text());
			case NAME:
				if (peek().type() == Token.Type.LEFT_PAREN) {
					throw QueryErrors.syntax();
				}
				return new Operand.Symbol(token.text());
			default:
				throw QueryErrors.syntax();
		}
	}

	private List<QueryAst.SortKey> orderBy() {
		next();
		if (!next().isKeyword("by")) {
			throw QueryErrors.syntax();
		}
		List<QueryAst.SortKey> keys = new ArrayList<>();
		keys.add(sortKey());
		while (peek().type() == Token.Type.COMMA) {
			next();
			keys.add(sortKey());
		}
		return keys;
	}

	private QueryAst.SortKey sortKey() {
		String field = fieldCode();
		boolean descending = false;
		if (peek().isKeyword("desc")) {
			next();
			descending = true;
		}
		else if (peek().isKeyword("asc")) {
			next();
		}
		return new QueryAst.SortKey(field, descending);
	}

	private Token optionValue() {
		Token token = next();
		boolean value = token.type() == Token.Type.NUMBER || token.type() == Token.Type.STRING
				|| (token.type() == Token.Type.NAME && !isKeyword(token));
		if (!value) {
			throw QueryErrors.syntax();
		}
		return token;
	}

	private String fieldCode() {
		Token token = next();
		if (token.type() != Token.Type.NAME || isKeyword(token)) {
			throw QueryErrors.syntax();
		}
		return token.text();
	}

	private static boolean isKeyword(Token token) {
		return token.type() == Token.Type.NAME && KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT));
	}

	private void expect(Token.Type type) {
		if (next().type() != type) {
			throw QueryErrors.syntax();
		}
	}

	private Token peek() {
		return this.tokens.get(this.index);
	}

	private Token next() {
		Token token = this.tokens.get(this.index);
		if (token.type() != Token.Type.END) {
			this.index++;
		}
		return token;
	}

}
