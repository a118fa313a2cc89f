package io.kintonemigrator.emulator.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Maps temporal values onto one number line per {@link ValueKind}, so that every temporal
 * comparison is a comparison of longs: DATE → epoch day, TIME → minute of the day,
 * DATETIME → epoch minute (kintone stores and compares date-times at minute precision;
 * seconds are dropped).
 */
final class TimeAxis {

	private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

	private TimeAxis() {
	}

	/** The point of a stored field value, or null when it is empty or unreadable. */
	static @Nullable Long point(ValueKind kind, String value, ZoneId zone) {
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			switch (kind) {
				case DATE: {
					LocalDate date = date(text);
					return (date != null) ? date.toEpochDay() : null;
				}
				case TIME:
					return (long) (LocalTime.parse(text).toSecondOfDay() / 60);
				case DATETIME:
					return minutes(OffsetDateTime.parse(text).toInstant());
				default:
					throw new IllegalArgumentException("Not temporal: " + kind);
			}
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The range a literal stands for: a day for a date, a minute for a date-time or time.
	 * A date literal compared with a date-time field is that calendar day in
	 * {@code zone}; a date-time without offset is in {@code zone}; a date-time compared
	 * with a DATE field is its calendar day in {@code zone}. Null when unreadable.
	 */
	static @Nullable Interval literal(ValueKind kind, String text, ZoneId zone) {
		String literal = text.strip();
		try {
			if (kind == ValueKind.TIME) {
				long minute = LocalTime.parse(literal).toSecondOfDay() / 60;
				return new Interval(minute, minute + 1);
			}
			LocalDate date = date(literal);
			if (date != null) {
				return days(kind, date, date.plusDays(1), zone);
			}
			Instant instant = instant(literal, zone);
			return (instant != null) ? instant(kind, instant, zone) : null;
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The days {@code [from, until)} on the axis of {@code kind} (DATE or DATETIME). */
	static Interval days(ValueKind kind, LocalDate from, LocalDate until, ZoneId zone) {
		if (kind == ValueKind.DATE) {
			return new Interval(from.toEpochDay(), until.toEpochDay());
		}
		return new Interval(minutes(from.atStartOfDay(zone).toInstant()),
				minutes(until.atStartOfDay(zone).toInstant()));
	}

	/**
	 * The minute of {@code instant} (DATETIME), or its calendar day in {@code zone}
	 * (DATE).
	 */
	static Interval instant(ValueKind kind, Instant instant, ZoneId zone) {
		if (kind == ValueKind.DATE) {
			LocalDate day = LocalDate.ofInstant(instant, zone);
			return days(kind, day, day.plusDays(1), zone);
		}
		long minute = minutes(instant);
		return new Interval(minute, minute + 1);
	}

	private static @Nullable LocalDate date(String text) {
		Matcher matcher = DATE.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)));
	}

	private static @Nullable Instant instant(String text, ZoneId zone) {
		if (!text.contains("T")) {
			return null;
		}
		char last = text.charAt(text.length() - 1);
		boolean hasOffset = last == 'Z' || text.lastIndexOf('+') > text.indexOf('T')
				|| text.lastIndexOf('-') > text.indexOf('T');
		if (hasOffset) {
			return OffsetDateTime.parse(text).toInstant();
		}
		return LocalDateTime.parse(text).atZone(zone).toInstant();
	}

	private static long minutes(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), 60);
	}

}
