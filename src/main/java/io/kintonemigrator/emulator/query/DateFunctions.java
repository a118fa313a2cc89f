package io.kintonemigrator.emulator.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates kintone's date functions against a {@link QueryContext} to an
 * {@link Interval} on a DATE or DATETIME axis. Weeks run Sunday to Saturday (kintone's
 * default). All arguments are checked here:
 *
 * <ul>
 * <li>{@code NOW() TODAY() YESTERDAY() TOMORROW() THIS_YEAR() LAST_YEAR() NEXT_YEAR()}
 * take no argument ({@code GAIA_IL08});</li>
 * <li>{@code FROM_TODAY(n, DAYS|WEEKS|MONTHS|YEARS)}: the day n units from today; a
 * missing or non-integer {@code n} is {@code GAIA_IL08}, any other unit
 * {@code GAIA_IQ25};</li>
 * <li>{@code THIS_WEEK([SUNDAY..SATURDAY])} and LAST_/NEXT_: the week, or that weekday of
 * it ({@code GAIA_IL08} otherwise);</li>
 * <li>{@code THIS_MONTH([1..31|LAST])} and LAST_/NEXT_: the month, that day of it, or its
 * last day; any other day is {@code GAIA_IQ23}. A day the month does not have (31 in
 * April) means the first day of the next month (UNCONFIRMED on real kintone; taken from
 * the SonicGarden emulator's notes on observed behaviour).</li>
 * </ul>
 */
final class DateFunctions {

	private static final Pattern INTEGER = Pattern.compile("-?\\d+");

	private DateFunctions() {
	}

	/** The range {@code call} stands for on the axis of {@code kind}. */
	static Interval evaluate(Operand.Call call, ValueKind kind, QueryContext context) {
		LocalDate today = LocalDate.ofInstant(context.clock().instant(), context.zone());
		List<Operand> arguments = call.arguments();
		switch (call.function()) {
			case "NOW":
				noArguments(call);
				return TimeAxis.instant(kind, context.clock().instant(), context.zone());
			case "TODAY":
				noArguments(call);
				return day(kind, today, context);
			case "YESTERDAY":
				noArguments(call);
				return day(kind, today.minusDays(1), context);
			case "TOMORROW":
				noArguments(call);
				return day(kind, today.plusDays(1), context);
			case "FROM_TODAY":
				return day(kind, fromToday(arguments, today), context);
			case "THIS_WEEK":
				return week(call, kind, today, context);
			case "LAST_WEEK":
				return week(call, kind, today.minusWeeks(1), context);
			case "NEXT_WEEK":
				return week(call, kind, today.plusWeeks(1), context);
			case "THIS_MONTH":
				return month(call, kind, today.withDayOfMonth(1), context);
			case "LAST_MONTH":
				return month(call, kind, today.withDayOfMonth(1).minusMonths(1), context);
			case "NEXT_MONTH":
				return month(call, kind, today.withDayOfMonth(1).plusMonths(1), context);
			case "THIS_YEAR":
				noArguments(call);
				return year(kind, today.getYear(), context);
			case "LAST_YEAR":
				noArguments(call);
				return year(kind, today.getYear() - 1, context);
			case "NEXT_YEAR":
				noArguments(call);
				return year(kind, today.getYear() + 1, context);
			default:
				throw new IllegalArgumentException("Not a date function: " + call.function());
		}
	}

	private static LocalDate fromToday(List<Operand> arguments, LocalDate today) {
		if (arguments.size() != 2 || !INTEGER.matcher(arguments.get(0).display()).matches()) {
			throw QueryErrors.illegalFunctionUse("FROM_TODAY()には、整数と単位の2つの引数を指定します。",
					"FROM_TODAY() takes two arguments: an integer and a unit, e.g. FROM_TODAY(-7, DAYS).");
		}
		long amount;
		try {
			amount = Long.parseLong(arguments.get(0).display());
		}
		catch (NumberFormatException ex) {
			throw QueryErrors.illegalFunctionUse("FROM_TODAY()の第1引数が大きすぎます。",
					"The first argument of FROM_TODAY() is too large.");
		}
		switch (arguments.get(1).display()) {
			case "DAYS":
				return today.plusDays(amount);
			case "WEEKS":
				return today.plusWeeks(amount);
			case "MONTHS":
				return today.plusMonths(amount);
			case "YEARS":
				return today.plusYears(amount);
			default:
				throw QueryErrors.invalidFromTodayUnit();
		}
	}

	private static Interval week(Operand.Call call, ValueKind kind, LocalDate day, QueryContext context) {
		LocalDate sunday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
		if (call.arguments().isEmpty()) {
			return TimeAxis.days(kind, sunday, sunday.plusWeeks(1), context.zone());
		}
		String weekday = call.arguments().get(0).display();
		if (call.arguments().size() > 1 || !isWeekday(weekday)) {
			throw QueryErrors.illegalFunctionUse(call.display() + "の引数には、SUNDAYからSATURDAYまでの曜日を1つ指定します。",
					call.display() + " takes at most one argument, a weekday from SUNDAY to SATURDAY.");
		}
		int offset = DayOfWeek.valueOf(weekday).getValue() % 7;
		return day(kind, sunday.plusDays(offset), context);
	}

	private static boolean isWeekday(String text) {
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day.name().equals(text)) {
				return true;
			}
		}
		return false;
	}

	private static Interval month(Operand.Call call, ValueKind kind, LocalDate first, QueryContext context) {
		if (call.arguments().isEmpty()) {
			return TimeAxis.days(kind, first, first.plusMonths(1), context.zone());
		}
		if (call.arguments().size() > 1) {
			throw QueryErrors.illegalFunctionUse(call.display() + "の引数は1つまでです。",
					call.display() + " takes at most one argument, a day from 1 to 31 or LAST.");
		}
		String argument = call.arguments().get(0).display();
		if (argument.equals("LAST")) {
			return day(kind, first.with(TemporalAdjusters.lastDayOfMonth()), context);
		}
		int dayOfMonth = INTEGER.matcher(argument).matches() && argument.length() <= 3 ? Integer.parseInt(argument) : 0;
		if (dayOfMonth < 1 || dayOfMonth > 31) {
			throw QueryErrors.invalidDayOfMonth(argument);
		}
		LocalDate day = (dayOfMonth <= first.lengthOfMonth()) ? first.withDayOfMonth(dayOfMonth) : first.plusMonths(1);
		return day(kind, day, context);
	}

	private static Interval year(ValueKind kind, int year, QueryContext context) {
		LocalDate first = LocalDate.of(year, 1, 1);
		return TimeAxis.days(kind, first, first.plusYears(1), context.zone());
	}

	private static Interval day(ValueKind kind, LocalDate day, QueryContext context) {
		return TimeAxis.days(kind, day, day.plusDays(1), context.zone());
	}

	private static void noArguments(Operand.Call call) {
		if (!call.arguments().isEmpty()) {
			throw QueryErrors.illegalFunctionUse(call.display() + "には引数を指定できません。",
					call.display() + " takes no arguments; write " + call.display() + ".");
		}
	}

}
