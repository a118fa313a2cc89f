package io.kintonemigrator.migration.budget;

import io.kintonemigrator.kintone.KintoneLimits;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.DailyQuota;
import org.jspecify.annotations.Nullable;

/**
 * How many kintone requests the job sends, per app, split into those kintone counts
 * against the app's daily quota and those it does not ({@link DailyQuota}: file transfers
 * and bulk requests), and how long it takes at the job's limits: the one place for these
 * formulas, so {@code plan}, the daily-budget guard, preflight and reports count alike.
 * Pure and thread-safe.
 *
 * <p>
 * Requests of a first run that meets no error:
 * <ul>
 * <li>source app, counted: {@value #PREFLIGHT_REQUESTS} preflight reads (app, form
 * fields), {@value #COUNT_REQUESTS} count of the records to read (progress and ETA), one
 * keyset page per {@value KintoneLimits#RECORDS_PER_READ} records read (the reader stops
 * at the first short page, so {@code records / 500 + 1}); not counted: one download per
 * file;</li>
 * <li>target app, counted: {@value #PREFLIGHT_REQUESTS} preflight reads, one lookup per
 * chunk holding attachments; not counted: one upload per file and one bulk request (the
 * chunk's record updates) per chunk holding attachments.</li>
 * </ul>
 * Files over 1 GB cost nothing (they are skipped before the download). Retries, revision
 * conflicts (one re-read each), records whose target is missing and crash recovery change
 * the count; this is the plan, not a bound.
 *
 * <p>
 * Daily budget: every run (each kintone day's included) sends preflight and the count
 * again, so a day needs {@link #sourceDayOverhead()} / {@link #targetDayOverhead()}
 * counted requests before its first chunk, and the guard lets a chunk start only with
 * {@link #chunkSourceRequests(int)} / {@link #chunkTargetRequests(int)} left (its pages
 * or lookup, plus room for {@value #CONFLICT_REREADS} re-reads after revision conflicts).
 * With at most 100 records per chunk ({@code limits.chunkSize}), neither depends on the
 * chunk's size: a chunk costs a page or a lookup whatever its size, so no smaller chunk
 * fits a smaller budget. {@link #minimumDailyBudget(int)} is the least budget that lets
 * every day move at least one chunk.
 *
 * <p>
 * Duration: the job runs its chunks one after the other. Page reads, lookups and bulk
 * updates are sent one at a time; the transfers of a chunk run {@code concurrency} at a
 * time, each a download then an upload. By Little's law {@code concurrency} requests in
 * flight at {@code latency} each move {@code concurrency / latency} requests a second;
 * the rate limiter caps that at {@code requestsPerSecond} per domain. So the estimate is
 * the larger of {@code (serial requests + 2 × transfer waves) × latency} and
 * {@code requests on the busiest domain / requestsPerSecond}. Time spent moving the bytes
 * themselves is not in it (the latency of a file request grows with its size). The next
 * chunk's lookup and transfers start while a chunk finishes ({@code NextChunkPrefetch}),
 * so much of the serial part is hidden in a real run: on that side the estimate errs
 * long.
 */
public final class RequestEstimate {

	/** Reads of the preflight step per app: the app and its form fields. */
	public static final int PREFLIGHT_REQUESTS = 2;

	/**
	 * The count of the records left to read that the {@code migrate} step sends once at
	 * its start.
	 */
	public static final int COUNT_REQUESTS = 1;

	/** Keys per target lookup ({@code KintoneClient.recordsByKey}). */
	static final int LOOKUP_KEYS = 500;

	/** Re-reads after revision conflicts a chunk keeps room for in the daily budget. */
	public static final int CONFLICT_REREADS = 2;

	private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

	private RequestEstimate() {
	}

	/** Keyset pages the reader asks for to read {@code recordsRead} records. */
	public static long pages(long recordsRead) {
		return recordsRead / KintoneLimits.RECORDS_PER_READ + 1;
	}

	/** Counted requests to the source app: preflight, the record count, record pages. */
	public static long sourceCounted(long recordsRead) {
		return sourceDayOverhead() + pages(recordsRead);
	}

	/** Requests to the source app kintone does not count: one download per file moved. */
	public static long sourceUncounted(long filesMoved) {
		return filesMoved;
	}

	/** Counted requests to the target app: preflight, a lookup per chunk with files. */
	public static long targetCounted(long chunksWithFiles) {
		return targetDayOverhead() + chunksWithFiles;
	}

	/**
	 * Requests to the target app kintone does not count: an upload per file, a bulk
	 * update per chunk with files.
	 */
	public static long targetUncounted(long chunksWithFiles, long filesMoved) {
		return filesMoved + chunksWithFiles;
	}

	/**
	 * Counted requests to the source app every run sends before its first chunk:
	 * preflight and the count.
	 */
	public static long sourceDayOverhead() {
		return PREFLIGHT_REQUESTS + COUNT_REQUESTS;
	}

	/**
	 * Counted requests to the target app every run sends before its first chunk:
	 * preflight.
	 */
	public static long targetDayOverhead() {
		return PREFLIGHT_REQUESTS;
	}

	/**
	 * Counted requests a chunk of {@code chunkSize} records may send to the source app:
	 * its record pages.
	 */
	public static long chunkSourceRequests(int chunkSize) {
		return ceil(chunkSize, KintoneLimits.RECORDS_PER_READ) + 1;
	}

	/**
	 * Counted requests a chunk of {@code chunkSize} records may send to the target app:
	 * its lookup (one per {@value #LOOKUP_KEYS} keys) and room for
	 * {@value #CONFLICT_REREADS} re-reads after revision conflicts; the uploads and the
	 * bulk update are not counted.
	 */
	public static long chunkTargetRequests(int chunkSize) {
		return ceil(chunkSize, LOOKUP_KEYS) * (1 + CONFLICT_REREADS);
	}

	/**
	 * The least daily budget with which every kintone day moves at least one chunk, for
	 * both apps.
	 */
	public static long minimumDailyBudget(int chunkSize) {
		return Math.max(sourceDayOverhead() + chunkSourceRequests(chunkSize),
				targetDayOverhead() + chunkTargetRequests(chunkSize));
	}

	/**
	 * Why {@code dailyBudget} cannot work for chunks of {@code chunkSize}, as one line
	 * naming the fix, or null when it can (0 = no budget).
	 */
	public static @Nullable String budgetProblem(long dailyBudget, int chunkSize) {
		long minimum = minimumDailyBudget(chunkSize);
		if (dailyBudget == 0 || dailyBudget >= minimum) {
			return null;
		}
		return "limits.dailyRequestBudget: " + dailyBudget + " counted requests per app and day cannot move even one "
				+ "chunk (a day needs " + sourceDayOverhead() + " for preflight and the record count, then "
				+ chunkSourceRequests(chunkSize) + " per chunk for record pages on the source app, and "
				+ targetDayOverhead() + " for preflight, then " + chunkTargetRequests(chunkSize)
				+ " per chunk for a lookup and conflict re-reads on the target app; a smaller limits.chunkSize needs "
				+ "as many, and file transfers and updates are not counted); set limits.dailyRequestBudget to at least "
				+ minimum + ", or 0 for no budget";
	}

	/**
	 * About how many kintone days a job needs for {@code counted} requests to one app
	 * (one day's {@code dayOverhead} included): every day sends its overhead (preflight,
	 * count) again, and the guard starts a chunk only with {@code chunkRoom} requests
	 * left, so up to {@code chunkRoom - 1} of a day's budget stay unused when a chunk
	 * sends one. 1 without a budget.
	 */
	public static long kintoneDays(long counted, long dailyBudget, long dayOverhead, long chunkRoom) {
		if (dailyBudget <= 0) {
			return 1;
		}
		long work = Math.max(0, counted - dayOverhead);
		long perDay = Math.max(1, dailyBudget - dayOverhead - (chunkRoom - 1));
		return Math.max(1, ceil(work, perDay));
	}

	private static long ceil(long a, long b) {
		return (a + b - 1) / b;
	}

	/**
	 * Rounds of parallel transfers a chunk of {@code files} files needs at
	 * {@code concurrency}.
	 */
	public static long transferWaves(int files, int concurrency) {
		return (files + concurrency - 1L) / concurrency;
	}

	/**
	 * The duration estimate (see the class comment).
	 * @param serialRequests requests sent one at a time (preflight, pages, lookups, bulk
	 * updates)
	 * @param transferWaves the sum of {@link #transferWaves} over the chunks
	 * @param busiestDomainRequests requests to the domain that gets the most (source plus
	 * target when both apps are on one domain: they share its limits)
	 */
	public static Duration duration(long serialRequests, long transferWaves, long busiestDomainRequests,
			JobConfig.Limits limits, Duration latency) {
		double latencySeconds = latency.toNanos() / 1e9;
		double latencyBound = (serialRequests + 2.0 * transferWaves) * latencySeconds;
		double rateBound = busiestDomainRequests / limits.requestsPerSecond();
		return Duration.ofMillis(Math.round(Math.max(latencyBound, rateBound) * 1000));
	}

	/**
	 * The next 09:00 JST after {@code now}, when kintone's daily request count starts
	 * again.
	 */
	public static ZonedDateTime nextDailyReset(Instant now) {
		ZonedDateTime jst = now.atZone(JST);
		ZonedDateTime reset = jst.toLocalDate().atTime(9, 0).atZone(JST);
		return reset.isAfter(jst) ? reset : reset.plusDays(1);
	}

}
