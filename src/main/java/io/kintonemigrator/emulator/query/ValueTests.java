package io.kintonemigrator.emulator.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

import io.kintonemigrator.emulator.query.QuerySchema.Field;

import org.jspecify.annotations.Nullable;

/**
 * Builds the test one stored value must pass for a positive operator
 * ({@code = > >= < <= in like}); the caller applies it to every value of the field and
 * negates for {@code != not in not like}. Literals are read here, so a literal that is
 * not a value of the field's type fails at parse time ({@code GAIA_IQ10}).
 *
 * <p>
 * An empty string literal stands for "no value" on every type: {@code 数値 = ""} finds
 * records whose NUMBER is empty and {@code in ("")} finds unselected choices; with
 * {@code > >= < <=} it matches nothing.
 */
final class ValueTests {

	private ValueTests() {
	}

	/**
	 * The test for {@code field operator operands}, where {@code operator} is not
	 * negated.
	 */
	static Predicate<String> of(Field field, Operator operator, List<Operand> operands, QueryContext context) {
		switch (operator) {
			case LIKE:
				return like(field, operands.get(0));
			case IN: {
				Predicate<String> any = (value) -> false;
				for (Operand operand : operands) {
					any = any.or(single(field, Operator.EQUAL, operand, context));
				}
				return any;
			}
			default:
				return single(field, operator, operands.get(0), context);
		}
	}

	private static Predicate<String> like(Field field, Operand operand) {
		if (operand instanceof Operand.Call call) {
			throw functionNotAllowed(field, call);
		}
		return new LikeMatcher(operand.display());
	}

	private static Predicate<String> single(Field field, Operator operator, Operand operand, QueryContext context) {
		ValueKind kind = ValueKind.of(field.type());
		if (operand instanceof Operand.Call call) {
			return function(field, kind, operator, call, context);
		}
		String literal = operand.display();
		if (literal.isEmpty() && kind != ValueKind.TEXT) {
			return (operator == Operator.EQUAL) ? String::isBlank : (value) -> false;
		}
		switch (kind) {
			case NUMBER:
				return number(field, operator, literal);
			case DATE:
			case TIME:
			case DATETIME: {
				Interval interval = TimeAxis.literal(kind, literal, context.zone());
				if (interval == null) {
					throw QueryErrors.invalidValue(field.code(), literal);
				}
				return temporal(kind, operator, interval, context);
			}
			default:
				return literal::equals;
		}
	}

	private static Predicate<String> function(Field field, ValueKind kind, Operator operator, Operand.Call call,
			QueryContext context) {
		if (!FieldRules.acceptsFunction(field.type(), call.function())) {
			throw functionNotAllowed(field, call);
		}
		if (call.function().equals("LOGINUSER")) {
			if (!call.arguments().isEmpty()) {
				throw QueryErrors.illegalFunctionUse("LOGINUSER()には引数を指定できません。",
						"LOGINUSER() takes no arguments; write LOGINUSER().");
			}
			String user = context.loginUserCode();
			return (value) -> user != null && user.equals(value);
		}
		return temporal(kind, operator, DateFunctions.evaluate(call, kind, context), context);
	}

	private static Predicate<String> number(Field field, Operator operator, String literal) {
		BigDecimal expected = decimal(literal);
		if (expected == null) {
			throw QueryErrors.invalidValue(field.code(), literal);
		}
		return (value) -> {
			BigDecimal actual = decimal(value);
			return actual != null && holds(operator, actual.compareTo(expected));
		};
	}

	private static Predicate<String> temporal(ValueKind kind, Operator operator, Interval interval,
			QueryContext context) {
		return (value) -> {
			Long point = TimeAxis.point(kind, value, context.zone());
			return point != null && interval.test(operator, point);
		};
	}

	private static boolean holds(Operator operator, int comparison) {
		switch (operator) {
			case EQUAL:
				return comparison == 0;
			case GREATER:
				return comparison > 0;
			case GREATER_OR_EQUAL:
				return comparison >= 0;
			case LESS:
				return comparison < 0;
			case LESS_OR_EQUAL:
				return comparison <= 0;
			default:
				throw new IllegalArgumentException("Not a comparison: " + operator);
		}
	}

	/** A stored or literal number, or null when the text is not one. */
	static @Nullable BigDecimal decimal(String text) {
		String number = text.strip();
		if (number.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(number);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static QueryException functionNotAllowed(Field field, Operand.Call call) {
		return QueryErrors.illegalFunctionUse(call.display() + "は" + field.code() + "フィールドには使用できません。",
				call.display() + " cannot be used with the field (" + field.code() + ").");
	}

}
