package io.kintonemigrator.emulator.observe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the request counters. API names are the path between {@code /v1/} and
 * {@code .json} ({@code records}, {@code record}, {@code file}, {@code app/form/fields},
 * …).
 *
 * @param totalRequests every request received, including rejected ones
 * @param inFlight requests being handled when the snapshot was taken
 * @param peakInFlight the most requests ever handled at once
 * @param countsByApp app → "METHOD api" → requests naming that app
 * @param countsByApi "METHOD api" → requests, with or without an app
 * @param dailyCountsByApp app → kintone day (see {@link #kintoneDay(Instant)}) → requests
 * naming that app that kintone counts against the app's daily quota (see
 * {@link #countsDaily(String)})
 * @param injectedFaults fault label (e.g. {@code too-many-requests}) → requests it was
 * injected into
 */
public record EmulatorStats(long totalRequests, int inFlight, int peakInFlight,
		Map<Long, Map<String, Long>> countsByApp, Map<String, Long> countsByApi,
		Map<Long, Map<LocalDate, Long>> dailyCountsByApp, Map<String, Long> injectedFaults) {

	private static final Set<String> UNCOUNTED = Set.of("file", "bulkRequest", "apps", "apis");

	/** Requests naming the app, with this effective method, to this API. */
	public long count(long app, String method, String api) {
		return this.countsByApp.getOrDefault(app, Map.of()).getOrDefault(key(method, api), 0L);
	}

	/** Requests to this API with this effective method, any app or none. */
	public long count(String method, String api) {
		return this.countsByApi.getOrDefault(key(method, api), 0L);
	}

	/** Requests naming the app, any API. */
	public long count(long app) {
		return this.countsByApp.getOrDefault(app, Map.of()).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Requests a fault with this label (see {@code FaultKind#label()}) was injected into.
	 */
	public long injectedFaults(String label) {
		return this.injectedFaults.getOrDefault(label, 0L);
	}

	/**
	 * Requests naming the app during one kintone day that kintone counts. Counting never
	 * rejects a request.
	 */
	public long dailyCount(long app, LocalDate kintoneDay) {
		return this.dailyCountsByApp.getOrDefault(app, Map.of()).getOrDefault(kintoneDay, 0L);
	}

	/**
	 * Whether kintone counts a call of this API against the app's daily request quota:
	 * kintone's common specification lists requests it does not count ("対象外のAPIリクエスト",
	 * kintone-api.md §7), among them upload and download of files ({@code file}), the
	 * bulk request ({@code bulkRequest}, whatever its sub-requests are), Get Apps
	 * ({@code apps}) and the space and plugin APIs. Everything else counts 1 per request,
	 * whatever its answer.
	 */
	public static boolean countsDaily(String api) {
		return !UNCOUNTED.contains(api) && !api.startsWith("space") && !api.startsWith("plugin");
	}

	/**
	 * The kintone day an instant belongs to: days start at 09:00 JST (= 00:00 UTC), so a
	 * day is named by the JST date on which it started.
	 */
	public static LocalDate kintoneDay(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	static String key(String method, String api) {
		return method + " " + api;
	}

}
