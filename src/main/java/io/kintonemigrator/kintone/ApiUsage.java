package io.kintonemigrator.kintone;

import java.time.LocalDate;

/**
 * Requests this client sent for its app on the current kintone day (which starts at 09:00
 * JST) that kintone counts against the daily quota ({@link DailyQuota}: file transfers
 * and bulk requests do not), and the concurrency the domain last reported in
 * {@code X-ConcurrencyLimit-Limit/Running} (-1 when not yet seen).
 */
public record ApiUsage(AppId app, LocalDate kintoneDay, long requestsToday, int concurrencyLimit,
		int concurrencyRunning, int concurrencyOwn) {

	/**
	 * Usage without {@code concurrencyOwn}, the number of our own requests on the wire to
	 * the domain when it reported {@code concurrencyRunning} (-1: unknown).
	 */
	public ApiUsage(AppId app, LocalDate kintoneDay, long requestsToday, int concurrencyLimit, int concurrencyRunning) {
		this(app, kintoneDay, requestsToday, concurrencyLimit, concurrencyRunning, -1);
	}

}
