package io.kintonemigrator.sandbox;

import java.time.Duration;

/**
 * The most files per second a migration can move at a given concurrency, by Little's law
 * (throughput = requests in flight ÷ time each request takes).
 *
 * <p>
 * What a file costs: two requests that cannot be avoided, a download
 * ({@code GET file.json}) and an upload ({@code POST file.json}). The emulator holds
 * every request for the injected {@code latency} before it handles it, and sends a
 * download's body at most at {@code bandwidth} bytes per second (uploads are not capped).
 * So one file occupies a request slot for at least
 * {@code 2 × latency + meanSize ÷ bandwidth} (the last term 0 when the bandwidth is
 * unlimited); with {@code concurrency} slots the bound is {@code concurrency ÷ that}
 * files per second, and never more than the rate limit allows
 * ({@code requestsPerSecond ÷ 2}). Record reads, target look-ups and bulk updates are
 * left out of the bound: they are overhead the migration must hide, and they count
 * against it in the efficiency. Local processing time (hashing, disk, the emulator's own
 * work) is also left out, so on a slow machine the bound can be out of reach.
 */
record LittlesLawBound(int concurrency, Duration latency, long bandwidthBytesPerSecond, double requestsPerSecond,
		double meanFileSize) {

	static final int REQUESTS_PER_FILE = 2;

	/** Seconds one file holds a request slot at least. */
	double secondsPerFile() {
		double transfer = bandwidthBytesPerSecond > 0 ? meanFileSize / bandwidthBytesPerSecond : 0;
		return REQUESTS_PER_FILE * latency.toNanos() / 1e9 + transfer;
	}

	/**
	 * Files per second; infinite when neither latency, bandwidth nor rate limits
	 * anything.
	 */
	double filesPerSecond() {
		double service = secondsPerFile();
		double byConcurrency = service > 0 ? concurrency / service : Double.POSITIVE_INFINITY;
		double byRate = requestsPerSecond > 0 ? requestsPerSecond / REQUESTS_PER_FILE : Double.POSITIVE_INFINITY;
		return Math.min(byConcurrency, byRate);
	}

}
