package io.kintonemigrator.emulator.query;

import java.util.List;

/**
 * The parsed filter of a query: an immutable tree of {@code and}, {@code or} and
 * conditions.
 */
sealed interface Expression {

	/** {@code left and right}. */
	record And(Expression left, Expression right) implements Expression {
	}

	/** {@code left or right}. */
	record Or(Expression left, Expression right) implements Expression {
	}

	/**
	 * {@code field operator operands}: one operand for comparisons and like, the list for
	 * in/not in, none for is empty/is not empty.
	 */
	record Condition(String field, Operator operator, List<Operand> operands) implements Expression {

		public Condition {
			operands = List.copyOf(operands);
		}

	}

}
