package io.kintonemigrator.kintone;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * kintone's daily request quota counts per app per day, and the day runs from 09:00 to
 * 08:59 JST. A kintone day is labelled with the JST date on which it starts (which
 * happens to be the UTC date).
 */
public final class KintoneDay {

	/** Japan Standard Time, where kintone's day boundary is defined. */
	public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

	private KintoneDay() {
	}

	/**
	 * The kintone day an instant belongs to: the JST date, shifted back by the 09:00
	 * boundary.
	 */
	public static LocalDate of(Instant instant) {
		return instant.atZone(JST).minusHours(9).toLocalDate();
	}

	/** When the kintone day of {@code instant} ends, i.e. the next 09:00 JST after it. */
	public static ZonedDateTime nextReset(Instant instant) {
		return of(instant).plusDays(1).atTime(9, 0).atZone(JST);
	}

}
