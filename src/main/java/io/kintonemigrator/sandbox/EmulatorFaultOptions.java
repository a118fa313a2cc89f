package io.kintonemigrator.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.fault.FaultKind;
import io.kintonemigrator.emulator.fault.FaultSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The emulator's network shape and injected faults, as options of every command that
 * starts one ({@code emulator}, {@code bench}): latency, jitter, bandwidth and the share
 * of requests that fail, per kind.
 */
final class EmulatorFaultOptions {

	@Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every request.")
	long latencyMillis;

	@Option(names = "--jitter-ms", defaultValue = "0", description = "Up to this much more latency, at random.")
	long jitterMillis;

	@Option(names = "--bandwidth", paramLabel = "BYTES_PER_SECOND", defaultValue = "0",
			description = "Cap per response body (0 = unlimited).")
	long bandwidth;

	@Option(names = "--fault-rate", paramLabel = "R", defaultValue = "0",
			description = "Share of requests that get a transient fault, spread evenly over 429, 503, GAIA_DA02, reset and stall.")
	double faultRate;

	@Option(names = "--rate-429", paramLabel = "R", description = "Share of requests answered 429 GAIA_TO04.")
	@Nullable Double tooManyRequests;

	@Option(names = "--rate-503", paramLabel = "R", description = "Share of requests answered with a plain-text 503.")
	@Nullable Double serviceUnavailable;

	@Option(names = "--rate-db-lock", paramLabel = "R", description = "Share of requests answered 400 GAIA_DA02.")
	@Nullable Double databaseLocked;

	@Option(names = "--rate-reset", paramLabel = "R", description = "Share of responses cut in mid-body.")
	@Nullable Double connectionReset;

	@Option(names = "--rate-stall", paramLabel = "R", description = "Share of requests held for --stall-ms first.")
	@Nullable Double stall;

	@Option(names = "--stall-ms", defaultValue = "10000",
			description = "How long a stall lasts. Default: ${DEFAULT-VALUE}.")
	long stallMillis;

	@Option(names = "--fault-apis", paramLabel = "API", split = ",",
			description = "Inject only into these kintone APIs, e.g. file,records. Default: all.")
	List<String> faultApis = new ArrayList<>();

	@Option(names = "--fault-seed", defaultValue = "0",
			description = "Seed of the fault decisions. Default: ${DEFAULT-VALUE}.")
	long faultSeed;

	/**
	 * The settings these options describe; throws {@link IllegalArgumentException} with
	 * one line naming a bad option.
	 */
	FaultSettings faults() {
		FaultSettings.Builder faults = FaultSettings.builder()
			.latency(Duration.ofMillis(latencyMillis))
			.latencyJitter(Duration.ofMillis(jitterMillis))
			.bandwidthBytesPerSecond(bandwidth)
			.stallDuration(Duration.ofMillis(stallMillis))
			.apis(faultApis)
			.seed(faultSeed)
			.mixedRate(faultRate);
		override(faults, FaultKind.TOO_MANY_REQUESTS, tooManyRequests);
		override(faults, FaultKind.SERVICE_UNAVAILABLE, serviceUnavailable);
		override(faults, FaultKind.DATABASE_LOCKED, databaseLocked);
		override(faults, FaultKind.CONNECTION_RESET, connectionReset);
		override(faults, FaultKind.STALL, stall);
		try {
			return faults.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("fault options: " + ex.getMessage(), ex);
		}
	}

	private static void override(FaultSettings.Builder faults, FaultKind kind, @Nullable Double rate) {
		if (rate != null) {
			faults.rate(kind, rate);
		}
	}

}
