package io.kintonemigrator.emulator.query;

import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated kintone query ({@code GET /k/v1/records.json?query=…}): which
 * records it selects, in which order, and the {@code limit}/{@code offset} it asks for.
 * Immutable and thread-safe; functions such as {@code TODAY()} are evaluated once, when
 * the query is parsed.
 *
 * <pre>
 * RecordQuery query = RecordQuery.parse(text, schema, new QueryContext(clock, ZoneId.of("Asia/Tokyo"), user));
 * records.stream().filter(query::matches).sorted(query.ordering()) …
 * </pre>
 *
 * <h2>Language</h2> The grammar is in {@link QueryParser}; conditions are
 * {@code field op value} with
 * {@code = != > < >= <= in, not in, like, not like, is empty, is not empty}, combined
 * with {@code and} (binding tighter) and {@code or} and grouped with parentheses; then
 * {@code order by f [asc|desc], …}, {@code limit n} and {@code offset n} (order by first,
 * limit and offset in either order). An empty or blank query matches every record. Field
 * types allow the operators and functions kintone allows ({@link FieldRules}).
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li>Numbers compare numerically; DATETIME, CREATED_TIME and UPDATED_TIME at minute
 * precision; a date literal or a date function compared with a date-time field stands for
 * the whole day (week, month, year) in the context's zone, so {@code 作成日時 = TODAY()}
 * finds everything created today ({@link TimeAxis}, {@link DateFunctions}).</li>
 * <li>{@code like} approximates kintone's word search by case- and width-insensitive
 * token containment ({@link LikeMatcher}).</li>
 * <li>Fields inside a SUBTABLE match when some row matches ({@link ConditionCompiler});
 * {@code =} and {@code !=} on them are refused as kintone does.</li>
 * <li>Without {@code order by} the order is {@code $id desc}; ties after the given keys
 * are broken by {@code $id desc} ({@link RecordOrdering}).</li>
 * </ul>
 *
 * <h2>Errors</h2> Every problem is a {@link QueryException} with HTTP 400: syntax
 * {@code CB_VA01} ({@code errors.query = ["クエリ記法が間違っています。"]}), unknown field
 * {@code GAIA_IQ11}, operator not allowed for the type {@code GAIA_IQ03},
 * {@code =}/{@code !=} in a table {@code GAIA_IQ07}, bad option or literal value
 * {@code GAIA_IQ10}, limit above 500 {@code GAIA_QU01}, offset above 10,000
 * {@code GAIA_QU02}, negative limit/offset {@code CB_VA01}, bad function arguments
 * {@code GAIA_IQ23}/{@code GAIA_IQ25}/{@code GAIA_IL08}.
 */
public final class RecordQuery {

	private final String text;

	private final Predicate<QueryableRecord> filter;

	private final Comparator<QueryableRecord> ordering;

	private final Paging paging;

	private RecordQuery(String text, Predicate<QueryableRecord> filter, Comparator<QueryableRecord> ordering,
			Paging paging) {
		this.text = text;
		this.filter = filter;
		this.ordering = ordering;
		this.paging = paging;
	}

	/**
	 * Parses and validates {@code query} against the app's fields.
	 * @param query the query as the client sent it; null, empty or blank selects every
	 * record
	 * @param schema the fields the query may name
	 * @param context the clock, zone and user the functions are evaluated against
	 * @return the query, ready to be applied to any number of records
	 * @throws QueryException when kintone would reject the query
	 */
	public static RecordQuery parse(@Nullable String query, QuerySchema schema, QueryContext context) {
		Objects.requireNonNull(schema, "schema");
		Objects.requireNonNull(context, "context");
		String text = (query != null) ? query : "";
		QueryAst ast = QueryParser.parse(text);
		Expression filter = ast.filter();
		Predicate<QueryableRecord> predicate = (filter != null) ? new ConditionCompiler(schema, context).compile(filter)
				: (record) -> true;
		Comparator<QueryableRecord> ordering = RecordOrdering.of(ast.orderBy(), schema, context.zone());
		return new RecordQuery(text, predicate, ordering, Paging.of(ast.limit(), ast.offset()));
	}

	/** Whether {@code record} satisfies the query's conditions. */
	public boolean matches(QueryableRecord record) {
		return this.filter.test(record);
	}

	/** The order the query asks for, {@code $id desc} when it has no {@code order by}. */
	public Comparator<QueryableRecord> ordering() {
		return this.ordering;
	}

	/**
	 * The {@code limit} written in the query (0–500), empty if none (kintone then uses
	 * 100).
	 */
	public OptionalInt limit() {
		return this.paging.limit();
	}

	/**
	 * The {@code offset} written in the query (0–10,000), empty if none (kintone then
	 * uses 0).
	 */
	public OptionalInt offset() {
		return this.paging.offset();
	}

	@Override
	public String toString() {
		return "RecordQuery[" + this.text + "]";
	}

}
