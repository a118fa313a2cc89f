package io.kintonemigrator.emulator.query;

/** The condition operators of kintone's query language, each as kintone writes it. */
enum Operator {

	EQUAL("="), NOT_EQUAL("!="), GREATER(">"), LESS("<"), GREATER_OR_EQUAL(">="), LESS_OR_EQUAL("<="), IN("in"),
	NOT_IN("not in"), LIKE("like"), NOT_LIKE("not like"), IS_EMPTY("is"), IS_NOT_EMPTY("is not");

	private final String symbol;

	Operator(String symbol) {
		this.symbol = symbol;
	}

	/** The operator as kintone names it in error messages. */
	String symbol() {
		return this.symbol;
	}

	/**
	 * Whether this operator is the negation of another
	 * ({@code != not in not like is not}).
	 */
	boolean isNegated() {
		return this == NOT_EQUAL || this == NOT_IN || this == NOT_LIKE || this == IS_NOT_EMPTY;
	}

	/** The positive operator this one negates, or this operator itself. */
	Operator positive() {
		switch (this) {
			case NOT_EQUAL:
				return EQUAL;
			case NOT_IN:
				return IN;
			case NOT_LIKE:
				return LIKE;
			case IS_NOT_EMPTY:
				return IS_EMPTY;
			default:
				return this;
		}
	}

	/** The comparison operator written as {@code symbol}. */
	static Operator comparison(String symbol) {
		for (Operator operator : values()) {
			if (operator.ordinal() <= LESS_OR_EQUAL.ordinal() && operator.symbol.equals(symbol)) {
				return operator;
			}
		}
		throw new IllegalArgumentException("Not a comparison operator: " + symbol);
	}

}
