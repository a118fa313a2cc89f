package io.kintonemigrator.migration.budget;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneDay;
import io.kintonemigrator.ledger.ApiUsageLedger;

import org.jspecify.annotations.Nullable;

/**
 * Counts the requests one run sends to one app, and the app's requests of the kintone day
 * in the database ({@link ApiUsageLedger}), so the daily budget spans runs. Only requests
 * kintone counts against the app's daily quota go to the budget ({@link #acquire}); those
 * it does not count (file transfers, bulk requests:
 * {@link io.kintonemigrator.kintone.DailyQuota}) are only tallied ({@link #uncounted}).
 * {@link #acquire} is the hard guard: no counted request is sent before it is counted,
 * and none once the day's budget is used up.
 *
 * <p>
 * Requests are counted in the database {@value #BLOCK} at a time (as many as the budget
 * still allows) and handed out from that block, so a request costs a database transaction
 * only once per block, not each time. {@link #close} gives back what the run did not use;
 * a killed run cannot, so the day's count may then be up to {@value #BLOCK} requests
 * higher than what was sent: the budget is never passed, at worst met a little early.
 * Thread-safe.
 */
public final class AppRequestMeter implements AutoCloseable {

	/** Requests counted in the database at once. */
	static final int BLOCK = 50;

	private final String appKey;

	private final long budget;

	private final ApiUsageLedger usage;

	private final Clock clock;

	private final LongAdder sent = new LongAdder();

	private final LongAdder uncounted = new LongAdder();

	/** The kintone day of {@link #unused}, or null before the first request. */
	private @Nullable LocalDate blockDay;

	/** Requests counted in the database for {@link #blockDay} and not sent yet. */
	private long unused;

	public AppRequestMeter(KintoneConnection connection, long budget, ApiUsageLedger usage, Clock clock) {
		this.appKey = appKey(connection);
		this.budget = budget;
		this.usage = usage;
		this.clock = clock;
	}

	/**
	 * {@code host[:port]/app}: kintone counts requests per app, and app ids are per
	 * domain.
	 */
	public static String appKey(KintoneConnection connection) {
		URI uri = connection.baseUrl();
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost().toLowerCase(Locale.ROOT);
		return (uri.getPort() == -1 ? host : host + ":" + uri.getPort()) + "/" + connection.app().value();
	}

	/**
	 * Tallies one request about to be sent that kintone does not count; never refused.
	 */
	void uncounted() {
		uncounted.increment();
	}

	/**
	 * Counts one request about to be sent that kintone counts; throws when the day's
	 * budget is used up (nothing is sent then).
	 */
	synchronized void acquire() {
		Instant now = clock.instant();
		LocalDate day = KintoneDay.of(now);
		if (!day.equals(blockDay)) {
			giveBackUnused();
			blockDay = day;
		}
		if (unused == 0) {
			unused = usage.tryReserve(appKey, day, budget, BLOCK);
			if (unused == 0) {
				throw new DailyRequestBudgetExceededException(appKey, budget, KintoneDay.nextReset(now));
			}
		}
		unused--;
		sent.increment();
	}

	/** Gives back the requests counted for this run and not sent. */
	@Override
	public synchronized void close() {
		giveBackUnused();
	}

	private void giveBackUnused() {
		if (blockDay != null && unused > 0) {
			usage.release(appKey, blockDay, unused);
		}
		unused = 0;
	}

	/** Counted requests this run sent (or was about to send) to the app. */
	public long sent() {
		return sent.sum();
	}

	/**
	 * Requests kintone does not count that this run sent (or was about to send) to the
	 * app.
	 */
	public long sentUncounted() {
		return uncounted.sum();
	}

	/**
	 * Requests still allowed today (this run's unsent block included);
	 * {@link Long#MAX_VALUE} without a budget.
	 */
	public synchronized long remainingToday() {
		if (budget == 0) {
			return Long.MAX_VALUE;
		}
		LocalDate today = KintoneDay.of(clock.instant());
		long ours = today.equals(blockDay) ? unused : 0;
		return Math.max(0, budget - usage.requests(appKey, today) + ours);
	}

	public ZonedDateTime resetsAt() {
		return KintoneDay.nextReset(clock.instant());
	}

	public String appKey() {
		return appKey;
	}

	public long budget() {
		return budget;
	}

}
