package io.kintonemigrator.emulator.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.kintonemigrator.emulator.query.QuerySchema;
import io.kintonemigrator.emulator.query.QueryableRecord;

import org.jspecify.annotations.Nullable;

/**
 * TEMPORARY, to be deleted when {@code io.kintonemigrator.emulator.query.RecordQuery} lands: the tiny subset
 * of kintone's query language the emulator's own tests need, {@code f op v [and f op v …] [order by f
 * asc|desc] [limit n] [offset n]} with {@code = != > < >= <= in not in}. Anything else is rejected with
 * {@code CB_VA01} on {@code query}.
 */
final class TemporaryQueryFilter implements ParsedQuery {

	private static final LocalizedText SYNTAX = new LocalizedText("クエリ記法が間違っています。",
			"The query is invalid.");

	private final List<Predicate<QueryableRecord>> conditions;

	private final Comparator<QueryableRecord> ordering;

	private final @Nullable Integer limit;

	private final @Nullable Integer offset;

	private TemporaryQueryFilter(List<Predicate<QueryableRecord>> conditions, Comparator<QueryableRecord> ordering,
			@Nullable Integer limit, @Nullable Integer offset) {
		this.conditions = conditions;
		this.ordering = ordering;
		this.limit = limit;
		this.offset = offset;
	}

	static TemporaryQueryFilter parse(String query, QuerySchema schema) {
		List<String> tokens = tokenize(query);
		int[] pos = { 0 };
		List<Predicate<QueryableRecord>> conditions = new ArrayList<>();
		Comparator<QueryableRecord> ordering = compare("$id", true).reversed();
		Integer limit = null;
		Integer offset = null;
		while (pos[0] < tokens.size()) {
			String token = tokens.get(pos[0]);
			if (token.equalsIgnoreCase("and") && !conditions.isEmpty()) {
				pos[0]++;
			}
			else if (token.equalsIgnoreCase("order")) {
				expect(tokens, pos, "order");
				expect(tokens, pos, "by");
				String field = field(tokens, pos, schema);
				boolean asc = true;
				if (pos[0] < tokens.size() && tokens.get(pos[0]).matches("(?i)asc|desc")) {
					asc = tokens.get(pos[0]++).equalsIgnoreCase("asc");
				}
				Comparator<QueryableRecord> byField = compare(field, true);
				ordering = asc ? byField : byField.reversed();
			}
			else if (token.equalsIgnoreCase("limit")) {
				pos[0]++;
				limit = number(tokens, pos);
				if (limit > 500) {
					throw new ApiException(KintoneErrors.LIMIT_TOO_LARGE);
				}
			}
			else if (token.equalsIgnoreCase("offset")) {
				pos[0]++;
				offset = number(tokens, pos);
				if (offset > 10_000) {
					throw new ApiException(KintoneErrors.OFFSET_TOO_LARGE);
				}
			}
			else {
				conditions.add(condition(tokens, pos, schema));
			}
		}
		return new TemporaryQueryFilter(conditions, ordering, limit, offset);
	}

	@Override
	public boolean matches(QueryableRecord record) {
		return this.conditions.stream().allMatch((condition) -> condition.test(record));
	}

	@Override
	public Comparator<QueryableRecord> ordering() {
		return this.ordering;
	}

	@Override
	public @Nullable Integer limit() {
		return this.limit;
	}

	@Override
	public @Nullable Integer offset() {
		return this.offset;
	}

	private static Predicate<QueryableRecord> condition(List<String> tokens, int[] pos, QuerySchema schema) {
		String field = field(tokens, pos, schema);
		String op = next(tokens, pos);
		if (op.equalsIgnoreCase("not")) {
			expect(tokens, pos, "in");
			List<String> values = list(tokens, pos);
			return (record) -> record.values(field).stream().noneMatch(values::contains);
		}
		if (op.equalsIgnoreCase("in")) {
			List<String> values = list(tokens, pos);
			return (record) -> record.values(field).stream().anyMatch(values::contains);
		}
		String value = literal(next(tokens, pos));
		return switch (op) {
			case "=" -> (record) -> record.values(field).stream().anyMatch((v) -> compare(v, value) == 0);
			case "!=" -> (record) -> record.values(field).stream().noneMatch((v) -> compare(v, value) == 0);
			case ">" -> (record) -> record.values(field).stream().anyMatch((v) -> compare(v, value) > 0);
			case "<" -> (record) -> record.values(field).stream().anyMatch((v) -> compare(v, value) < 0);
			case ">=" -> (record) -> record.values(field).stream().anyMatch((v) -> compare(v, value) >= 0);
			case "<=" -> (record) -> record.values(field).stream().anyMatch((v) -> compare(v, value) <= 0);
			default -> throw syntaxError();
		};
	}

	private static List<String> list(List<String> tokens, int[] pos) {
		expect(tokens, pos, "(");
		List<String> values = new ArrayList<>();
		while (true) {
			values.add(literal(next(tokens, pos)));
			String separator = next(tokens, pos);
			if (separator.equals(")")) {
				return values;
			}
			if (!separator.equals(",")) {
				throw syntaxError();
			}
		}
	}

	private static String field(List<String> tokens, int[] pos, QuerySchema schema) {
		String code = next(tokens, pos);
		if (schema.field(code) == null) {
			throw ValidationErrors.single("query", SYNTAX);
		}
		return code;
	}

	private static int number(List<String> tokens, int[] pos) {
		try {
			return Integer.parseInt(next(tokens, pos));
		}
		catch (NumberFormatException ex) {
			throw syntaxError();
		}
	}

	private static String literal(String token) {
		if (token.startsWith("\"") && token.endsWith("\"") && token.length() >= 2) {
			return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		if (token.matches("-?\\d+(\\.\\d+)?")) {
			return token;
		}
		throw syntaxError();
	}

	private static Comparator<QueryableRecord> compare(String field, boolean ascending) {
		Comparator<QueryableRecord> comparator = (a, b) -> compare(first(a, field), first(b, field));
		return ascending ? comparator : comparator.reversed();
	}

	private static String first(QueryableRecord record, String field) {
		List<String> values = record.values(field);
		return values.isEmpty() ? "" : values.get(0);
	}

	private static int compare(String a, String b) {
		try {
			return new BigDecimal(a).compareTo(new BigDecimal(b));
		}
		catch (NumberFormatException ex) {
			return a.compareTo(b);
		}
	}

	private static void expect(List<String> tokens, int[] pos, String expected) {
		if (!next(tokens, pos).equalsIgnoreCase(expected)) {
			throw syntaxError();
		}
	}

	private static String next(List<String> tokens, int[] pos) {
		if (pos[0] >= tokens.size()) {
			throw syntaxError();
		}
		return tokens.get(pos[0]++);
	}

	private static ApiException syntaxError() {
		return ValidationErrors.single("query", SYNTAX);
	}

	private static List<String> tokenize(String query) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		while (i < query.length()) {
			char c = query.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '"') {
				int end = i + 1;
				while (end < query.length() && query.charAt(end) != '"') {
					end += (query.charAt(end) == '\\') ? 2 : 1;
				}
				if (end >= query.length()) {
					throw syntaxError();
				}
				tokens.add(query.substring(i, end + 1));
				i = end + 1;
			}
			else if ("(),".indexOf(c) >= 0) {
				tokens.add(String.valueOf(c));
				i++;
			}
			else if ("=!<>".indexOf(c) >= 0) {
				int end = (i + 1 < query.length() && query.charAt(i + 1) == '=') ? i + 2 : i + 1;
				tokens.add(query.substring(i, end));
				i = end;
			}
			else {
				int end = i;
				while (end < query.length() && !Character.isWhitespace(query.charAt(end))
						&& "(),=!<>\"".indexOf(query.charAt(end)) < 0) {
					end++;
				}
				tokens.add(query.substring(i, end));
				i = end;
			}
		}
		return tokens;
	}

}
