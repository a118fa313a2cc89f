package io.kintonemigrator.migration.budget;

import org.jspecify.annotations.Nullable;

import java.time.ZoneOffset;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A request was not sent because the app's {@code limits.dailyRequestBudget} for the
 * current kintone day is used up. Not a kintone error: never retried, never a reason to
 * skip a record. The job stops (exit 3) and resumes when run again after the reset.
 */
public class DailyRequestBudgetExceededException extends RuntimeException {

	private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'");

	private final ZonedDateTime resetsAt;

	public DailyRequestBudgetExceededException(String appKey, long budget, ZonedDateTime resetsAt) {
		super("the daily request budget of " + budget + " requests for app " + appKey + " is used up; "
				+ resetsAt(resetsAt));
		this.resetsAt = resetsAt;
	}

	/** When the kintone day ends and the budget is available again. */
	public ZonedDateTime resetsAt() {
		return resetsAt;
	}

	/** "it resets at 2026-11-24 09:00 JST (00:00 UTC)". */
	public static String resetsAt(ZonedDateTime resetsAt) {
		return "it resets at " + RESET.format(resetsAt) + " ("
				+ DateTimeFormatter.ofPattern("HH:mm 'UTC'").format(resetsAt.withZoneSameInstant(ZoneOffset.UTC)) + ")";
	}

	/** The exception in a failure's cause chain, if any. */
	public static @Nullable DailyRequestBudgetExceededException in(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DailyRequestBudgetExceededException budget) {
				return budget;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				if (suppressed instanceof DailyRequestBudgetExceededException budget) {
					return budget;
				}
			}
		}
		return null;
	}

}
