package io.kintonemigrator.emulator.query;

import java.util.EnumSet;
import java.util.Set;

import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.query.QuerySchema.Field;

/**
 * kintone's per-field-type rules: which operators, functions and sorting a field allows
 * (kintone.dev "Query string", table of operators and functions per field type).
 *
 * <ul>
 * <li>{@code $id}, RECORD_NUMBER, NUMBER: {@code = != > < >= <= in not in}</li>
 * <li>SINGLE_LINE_TEXT, LINK: {@code = != in not in like not like}</li>
 * <li>MULTI_LINE_TEXT, RICH_TEXT, FILE: {@code like not like is empty is not empty}</li>
 * <li>DROP_DOWN, RADIO_BUTTON, CHECK_BOX, MULTI_SELECT, CREATOR, MODIFIER:
 * {@code in not in}</li>
 * <li>DATE, TIME, DATETIME, CREATED_TIME, UPDATED_TIME: {@code = != > < >= <=}</li>
 * <li>a field inside a SUBTABLE: the same, except that {@code =}/{@code !=} are refused
 * ({@code GAIA_IQ07}) and {@code in}/{@code not in} are allowed wherever {@code =} would
 * be; the SUBTABLE itself allows nothing.</li>
 * </ul>
 */
final class FieldRules {

	private static final Set<Operator> ORDERED = EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.GREATER,
			Operator.LESS, Operator.GREATER_OR_EQUAL, Operator.LESS_OR_EQUAL);

	private FieldRules() {
	}

	/** The operators allowed on a top-level field of this type. */
	static Set<Operator> operators(FieldType type) {
		switch (type) {
			case __ID__:
			case __REVISION__:
			case RECORD_NUMBER:
			case NUMBER: {
				Set<Operator> operators = EnumSet.copyOf(ORDERED);
				operators.add(Operator.IN);
				operators.add(Operator.NOT_IN);
				return operators;
			}
			case SINGLE_LINE_TEXT:
			case LINK:
				return EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.IN, Operator.NOT_IN, Operator.LIKE,
						Operator.NOT_LIKE);
			case MULTI_LINE_TEXT:
			case RICH_TEXT:
			case FILE:
				return EnumSet.of(Operator.LIKE, Operator.NOT_LIKE, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY);
			case DROP_DOWN:
			case RADIO_BUTTON:
			case CHECK_BOX:
			case MULTI_SELECT:
			case CREATOR:
			case MODIFIER:
				return EnumSet.of(Operator.IN, Operator.NOT_IN);
			case DATE:
			case TIME:
			case DATETIME:
			case CREATED_TIME:
			case UPDATED_TIME:
				return EnumSet.copyOf(ORDERED);
			default:
				return EnumSet.noneOf(Operator.class);
		}
	}

	/** Throws kintone's error unless {@code operator} may be used on {@code field}. */
	static void checkOperator(Field field, Operator operator) {
		if (field.inSubtable() && (operator == Operator.EQUAL || operator == Operator.NOT_EQUAL)) {
			throw QueryErrors.equalityInSubtable(field.code(), operator.symbol());
		}
		Set<Operator> allowed = operators(field.type());
		if (field.inSubtable() && allowed.contains(Operator.EQUAL)) {
			allowed.add(Operator.IN);
			allowed.add(Operator.NOT_IN);
		}
		if (!allowed.contains(operator)) {
			throw QueryErrors.operatorNotAllowed(field.code(), operator.symbol());
		}
	}

	/** Whether {@code function} may be used as a value of {@code type}. */
	static boolean acceptsFunction(FieldType type, String function) {
		if (function.equals("LOGINUSER")) {
			return type == FieldType.CREATOR || type == FieldType.MODIFIER;
		}
		if (function.equals("PRIMARY_ORGANIZATION")) {
			// only ORGANIZATION_SELECT fields, which the emulator does not model
			return false;
		}
		ValueKind kind = ValueKind.of(type);
		return kind == ValueKind.DATE || kind == ValueKind.DATETIME;
	}

	/** Whether kintone can sort by {@code field} in {@code order by}. */
	static boolean isSortable(Field field) {
		if (field.inSubtable()) {
			return false;
		}
		switch (field.type()) {
			case MULTI_LINE_TEXT:
			case RICH_TEXT:
			case CHECK_BOX:
			case MULTI_SELECT:
			case FILE:
			case SUBTABLE:
				return false;
			default:
				return true;
		}
	}

}
