package io.kintonemigrator.migration;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneDay;
import io.kintonemigrator.ledger.ApiUsageLedger;

/**
 * Counts the requests one run sends to one app, and the app's requests of the kintone day in the
 * database ({@link ApiUsageLedger}), so the daily budget spans runs. {@link #acquire} is the hard
 * guard: it counts a request before it is sent, and refuses it when the day's budget is used up.
 * Thread-safe.
 */
final class AppRequestMeter {

	private final String appKey;

	private final long budget;

	private final ApiUsageLedger usage;

	private final Clock clock;

	private final LongAdder sent = new LongAdder();

	AppRequestMeter(KintoneConnection connection, long budget, ApiUsageLedger usage, Clock clock) {
		this.appKey = appKey(connection);
		this.budget = budget;
		this.usage = usage;
		this.clock = clock;
	}

	/** {@code host[:port]/app}: kintone counts requests per app, and app ids are per domain. */
	static String appKey(KintoneConnection connection) {
		URI uri = connection.baseUrl();
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost().toLowerCase(Locale.ROOT);
		return (uri.getPort() == -1 ? host : host + ":" + uri.getPort()) + "/" + connection.app().value();
	}

	/** Counts one request about to be sent; throws when the day's budget is used up (nothing is sent then). */
	void acquire() {
		Instant now = clock.instant();
		if (!usage.tryCount(appKey, KintoneDay.of(now), budget)) {
			throw new DailyRequestBudgetExceededException(appKey, budget, KintoneDay.nextReset(now));
		}
		sent.increment();
	}

	/** Requests this run sent (or was about to send) to the app. */
	long sent() {
		return sent.sum();
	}

	/** Requests still allowed today; {@link Long#MAX_VALUE} without a budget. */
	long remainingToday() {
		if (budget == 0) {
			return Long.MAX_VALUE;
		}
		return Math.max(0, budget - usage.requests(appKey, KintoneDay.of(clock.instant())));
	}

	ZonedDateTime resetsAt() {
		return KintoneDay.nextReset(clock.instant());
	}

	String appKey() {
		return appKey;
	}

	long budget() {
		return budget;
	}

}
