package io.kintonemigrator.migration;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.kintonemigrator.config.JobConfig;

/**
 * How many kintone requests the job sends, per app, and how long it takes at the job's limits: the one place
 * for these formulas, so {@code plan}, the daily-budget guard and reports count alike. Pure and thread-safe.
 *
 * <p>Requests of a first run that meets no error:
 * <ul>
 * <li>source app: {@value #PREFLIGHT_REQUESTS} preflight reads (app, form fields), {@value #COUNT_REQUESTS}
 * count of the records to read (progress and ETA), one keyset page per
 * {@value SourceRecordReader#PAGE_SIZE} records read (the reader stops at the first short page, so
 * {@code records / 500 + 1}), one download per file;</li>
 * <li>target app: {@value #PREFLIGHT_REQUESTS} preflight reads, then per chunk holding attachments one lookup
 * and one bulk update, and one upload per file.</li>
 * </ul>
 * Files over 1 GB cost nothing (they are skipped before the download). Retries, revision conflicts, records
 * whose target is missing and crash recovery change the count; this is the plan, not a bound.
 *
 * <p>Duration: the job runs its chunks one after the other. Page reads, lookups and bulk updates are sent one
 * at a time; the transfers of a chunk run {@code concurrency} at a time, each a download then an upload. By
 * Little's law {@code concurrency} requests in flight at {@code latency} each move
 * {@code concurrency / latency} requests a second; the rate limiter caps that at {@code requestsPerSecond}
 * per domain. So the estimate is the larger of {@code (serial requests + 2 × transfer waves) × latency} and
 * {@code requests on the busiest domain / requestsPerSecond}. Time spent moving the bytes themselves is not
 * in it (the latency of a file request grows with its size). The next chunk's lookup and transfers start
 * while a chunk finishes ({@code NextChunkPrefetch}), so much of the serial part is hidden in a real run: on
 * that side the estimate errs long.
 */
public final class RequestEstimate {

	/** Reads of the preflight step per app: the app and its form fields. */
	public static final int PREFLIGHT_REQUESTS = 2;

	/** The count of the records left to read that the {@code migrate} step sends once at its start. */
	public static final int COUNT_REQUESTS = 1;

	private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

	private RequestEstimate() {
	}

	/** Keyset pages the reader asks for to read {@code recordsRead} records. */
	public static long pages(long recordsRead) {
		return recordsRead / SourceRecordReader.PAGE_SIZE + 1;
	}

	/** Requests to the source app: preflight, the record count, record pages, one download per file moved. */
	public static long sourceRequests(long recordsRead, long filesMoved) {
		return PREFLIGHT_REQUESTS + COUNT_REQUESTS + pages(recordsRead) + filesMoved;
	}

	/** Requests to the target app: preflight, a lookup and a bulk update per chunk with files, an upload per file. */
	public static long targetRequests(long chunksWithFiles, long filesMoved) {
		return PREFLIGHT_REQUESTS + 2 * chunksWithFiles + filesMoved;
	}

	/** Requests one chunk moving {@code files} files sends to the source app (its downloads). */
	public static long chunkSourceRequests(int files) {
		return files;
	}

	/** Requests one chunk moving {@code files} files sends to the target app (lookup, uploads, bulk update). */
	public static long chunkTargetRequests(int files) {
		return files == 0 ? 0 : 2L + files;
	}

	/** Rounds of parallel transfers a chunk of {@code files} files needs at {@code concurrency}. */
	public static long transferWaves(int files, int concurrency) {
		return (files + concurrency - 1L) / concurrency;
	}

	/**
	 * The duration estimate (see the class comment).
	 * @param serialRequests requests sent one at a time (preflight, pages, lookups, bulk updates)
	 * @param transferWaves the sum of {@link #transferWaves} over the chunks
	 * @param busiestDomainRequests requests to the domain that gets the most (source plus target when both apps
	 * are on one domain: they share its limits)
	 */
	public static Duration duration(long serialRequests, long transferWaves, long busiestDomainRequests,
			JobConfig.Limits limits, Duration latency) {
		double latencySeconds = latency.toNanos() / 1e9;
		double latencyBound = (serialRequests + 2.0 * transferWaves) * latencySeconds;
		double rateBound = busiestDomainRequests / limits.requestsPerSecond();
		return Duration.ofMillis(Math.round(Math.max(latencyBound, rateBound) * 1000));
	}

	/** kintone days needed for {@code requests} at {@code dailyBudget} per day (0 budget: 1 day, no limit). */
	public static long kintoneDays(long requests, long dailyBudget) {
		if (dailyBudget <= 0 || requests <= dailyBudget) {
			return 1;
		}
		return (requests + dailyBudget - 1) / dailyBudget;
	}

	/** The next 09:00 JST after {@code now}, when kintone's daily request count starts again. */
	public static ZonedDateTime nextDailyReset(Instant now) {
		ZonedDateTime jst = now.atZone(JST);
		ZonedDateTime reset = jst.toLocalDate().atTime(9, 0).atZone(JST);
		return reset.isAfter(jst) ? reset : reset.plusDays(1);
	}

}
