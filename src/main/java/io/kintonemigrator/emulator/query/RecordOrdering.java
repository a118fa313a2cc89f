package io.kintonemigrator.emulator.query;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.kintonemigrator.emulator.query.QuerySchema.Field;

import org.jspecify.annotations.Nullable;

/**
 * Builds the comparator for {@code order by}: keys in the order written, numbers
 * numerically, dates and times chronologically (date-times at minute precision),
 * everything else by string; an empty value sorts before every other value ascending and
 * after them descending. Records equal on every key are ordered by {@code $id}
 * descending, kintone's default order, which is also the whole ordering when there is no
 * {@code order by}. A key naming an unknown field is {@code GAIA_IQ11}; one kintone
 * cannot sort by (CHECK_BOX, MULTI_SELECT, FILE, MULTI_LINE_TEXT, RICH_TEXT, SUBTABLE or
 * a field inside one) is {@code GAIA_IQ10}.
 */
final class RecordOrdering {

	private RecordOrdering() {
	}

	static Comparator<QueryableRecord> of(List<QueryAst.SortKey> keys, QuerySchema schema, ZoneId zone) {
		Comparator<QueryableRecord> ordering = null;
		for (QueryAst.SortKey key : keys) {
			Field field = ConditionCompiler.resolve(schema, key.field());
			if (!FieldRules.isSortable(field)) {
				throw QueryErrors.unsortableField(field.code());
			}
			Comparator<QueryableRecord> next = byField(field, zone);
			if (key.descending()) {
				next = next.reversed();
			}
			ordering = (ordering != null) ? ordering.thenComparing(next) : next;
		}
		Comparator<QueryableRecord> byIdDescending = byField(ConditionCompiler.resolve(schema, "$id"), zone).reversed();
		return (ordering != null) ? ordering.thenComparing(byIdDescending) : byIdDescending;
	}

	private static Comparator<QueryableRecord> byField(Field field, ZoneId zone) {
		ValueKind kind = ValueKind.of(field.type());
		Function<String, @Nullable Comparable<?>> sortValue;
		switch (kind) {
			case NUMBER:
				sortValue = ValueTests::decimal;
				break;
			case DATE:
			case TIME:
			case DATETIME:
				sortValue = (value) -> TimeAxis.point(kind, value, zone);
				break;
			default:
				sortValue = (value) -> value.isEmpty() ? null : value;
		}
		Comparator<@Nullable Comparable<?>> nullsFirst = Comparator.nullsFirst(RecordOrdering::compare);
		return Comparator.comparing((record) -> sortValue.apply(first(record, field.code())), nullsFirst);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Comparable left, Comparable right) {
		return left.compareTo(right);
	}

	private static String first(QueryableRecord record, String code) {
		List<String> values = record.values(code);
		return values.isEmpty() ? "" : values.get(0);
	}

}
