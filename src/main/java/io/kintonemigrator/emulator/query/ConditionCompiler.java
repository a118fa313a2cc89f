package io.kintonemigrator.emulator.query;

import java.util.List;
import java.util.function.Predicate;

import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.query.QuerySchema.Field;

/**
 * Turns the filter of a {@link QueryAst} into a predicate over records, checking every
 * field and operator against the schema on the way ({@code GAIA_IQ11}, {@code GAIA_IQ03},
 * {@code GAIA_IQ07}).
 *
 * <p>
 * A field can have several values (options of a CHECK_BOX, files of a FILE, rows of a
 * field inside a SUBTABLE). Positive operators hold when <em>some</em> value passes;
 * {@code != not in not like} are their exact negations (<em>no</em> value passes);
 * {@code is empty} holds when every value is blank (only whitespace, newlines, tabs) or
 * there is none. A field with no value at all is evaluated as one empty string, so
 * {@code in ("")} finds unselected choices. kintone's extra rule that {@code and} between
 * fields of the same table means "in the same row" is not reproduced: each condition
 * looks at all rows on its own.
 */
final class ConditionCompiler {

	private static final Field ID = new Field("$id", FieldType.__ID__, false);

	private final QuerySchema schema;

	private final QueryContext context;

	ConditionCompiler(QuerySchema schema, QueryContext context) {
		this.schema = schema;
		this.context = context;
	}

	Predicate<QueryableRecord> compile(Expression expression) {
		if (expression instanceof Expression.And and) {
			return compile(and.left()).and(compile(and.right()));
		}
		if (expression instanceof Expression.Or or) {
			return compile(or.left()).or(compile(or.right()));
		}
		return condition((Expression.Condition) expression);
	}

	private Predicate<QueryableRecord> condition(Expression.Condition condition) {
		Field field = resolve(this.schema, condition.field());
		Operator operator = condition.operator();
		FieldRules.checkOperator(field, operator);
		String code = field.code();
		boolean negated = operator.isNegated();
		if (operator.positive() == Operator.IS_EMPTY) {
			return (record) -> values(record, code).stream().allMatch(String::isBlank) != negated;
		}
		Predicate<String> test = ValueTests.of(field, operator.positive(), condition.operands(), this.context);
		return (record) -> values(record, code).stream().anyMatch(test) != negated;
	}

	private static List<String> values(QueryableRecord record, String code) {
		List<String> values = record.values(code);
		return values.isEmpty() ? List.of("") : values;
	}

	/**
	 * The schema's field for {@code code}; {@code $id} is always known; anything else
	 * unknown is GAIA_IQ11.
	 */
	static Field resolve(QuerySchema schema, String code) {
		Field field = schema.field(code);
		if (field != null) {
			return field;
		}
		if (code.equals(ID.code())) {
			return ID;
		}
		throw QueryErrors.unknownField(code);
	}

}
