package io.kintonemigrator.emulator.query;

/**
 * A half-open range {@code [from, until)} on a {@link TimeAxis}: one minute for a
 * date-time literal, one day for a date literal or {@code TODAY()}, a month for
 * {@code THIS_MONTH()} and so on. A field value (a point on the same axis) is compared
 * with a range the way kintone compares a date-time field with {@code TODAY()}: {@code =}
 * means inside, {@code >} after the end, {@code >=} at or after the start, {@code <}
 * before the start, {@code <=} before the end.
 */
record Interval(long from, long until) {

	/**
	 * Whether {@code point operator this} holds; {@code operator} is one of
	 * {@code = > >= < <=}.
	 */
	boolean test(Operator operator, long point) {
		switch (operator) {
			case EQUAL:
			case IN:
				return this.from <= point && point < this.until;
			case GREATER:
				return point >= this.until;
			case GREATER_OR_EQUAL:
				return point >= this.from;
			case LESS:
				return point < this.from;
			case LESS_OR_EQUAL:
				return point < this.until;
			default:
				throw new IllegalArgumentException("Not an ordering operator: " + operator);
		}
	}

}
