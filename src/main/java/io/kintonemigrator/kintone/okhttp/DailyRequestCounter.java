package io.kintonemigrator.kintone.okhttp;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;

import io.kintonemigrator.kintone.KintoneDay;

/**
 * Counts the requests sent for one app on the current kintone day. kintone's daily quota
 * runs from 09:00 to 08:59 JST; a day is labelled with the JST date on which it starts
 * (which happens to be the UTC date). Thread-safe.
 */
final class DailyRequestCounter {

	private final Clock clock;

	private final AtomicReference<DayCount> current;

	DailyRequestCounter(Clock clock) {
		this.clock = clock;
		this.current = new AtomicReference<>(new DayCount(kintoneDay(clock.instant()), 0));
	}

	/**
	 * The kintone day an instant belongs to: the JST date, shifted back by the 09:00
	 * boundary.
	 */
	static LocalDate kintoneDay(Instant instant) {
		return KintoneDay.of(instant);
	}

	void increment() {
		LocalDate today = kintoneDay(clock.instant());
		current.updateAndGet(c -> c.day().equals(today) ? new DayCount(today, c.count() + 1) : new DayCount(today, 1));
	}

	/**
	 * The count of the current kintone day (0 when the last request was on an earlier
	 * day).
	 */
	DayCount today() {
		LocalDate today = kintoneDay(clock.instant());
		DayCount c = current.get();
		return c.day().equals(today) ? c : new DayCount(today, 0);
	}

	record DayCount(LocalDate day, long count) {
	}

}
