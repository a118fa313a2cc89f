package io.kintonemigrator.emulator.query;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a query's functions are evaluated against: {@code NOW()} and the date functions
 * read {@code clock} once, at {@link RecordQuery#parse parse} time, and interpret days,
 * weeks, months and years in {@code zone} (kintone uses the user's time zone, e.g.
 * {@code Asia/Tokyo}). {@code LOGINUSER()} is {@code loginUserCode}; when it is null (no
 * user, e.g. an API token without a user) {@code LOGINUSER()} matches no record.
 *
 * @param clock the emulator's clock (tests pass a fixed clock)
 * @param zone the zone that defines the calendar day of DATE literals and date functions
 * @param loginUserCode the code of the user calling the API, or null
 */
public record QueryContext(Clock clock, ZoneId zone, @Nullable String loginUserCode) {

	public QueryContext {
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(zone, "zone");
	}

}
