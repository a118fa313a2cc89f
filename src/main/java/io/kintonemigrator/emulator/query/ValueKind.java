package io.kintonemigrator.emulator.query;

import io.kintonemigrator.emulator.model.FieldType;

/**
 * How the evaluator reads and compares a field's values, derived from its
 * {@link FieldType}.
 */
enum ValueKind {

	/** Decimal numbers: {@code $id}, {@code $revision}, NUMBER, RECORD_NUMBER. */
	NUMBER,
	/** Plain strings compared exactly: text, choice, user and file-name fields. */
	TEXT,
	/** Calendar days ({@code 2024-01-31}). */
	DATE,
	/** Times of day at minute precision ({@code 13:05}). */
	TIME,
	/** Instants at minute precision ({@code 2024-01-31T04:05:00Z}). */
	DATETIME,
	/** No value of its own (SUBTABLE). */
	NONE;

	static ValueKind of(FieldType type) {
		switch (type) {
			case __ID__:
			case __REVISION__:
			case NUMBER:
			case RECORD_NUMBER:
				return NUMBER;
			case DATE:
				return DATE;
			case TIME:
				return TIME;
			case DATETIME:
			case CREATED_TIME:
			case UPDATED_TIME:
				return DATETIME;
			case SUBTABLE:
				return NONE;
			default:
				return TEXT;
		}
	}

	boolean isTemporal() {
		return this == DATE || this == TIME || this == DATETIME;
	}

}
