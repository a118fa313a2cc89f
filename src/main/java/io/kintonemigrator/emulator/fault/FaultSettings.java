package io.kintonemigrator.emulator.fault;

import java.util.Collection;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the emulator injects into kintone requests. Immutable and validated; build with
 * {@link #builder()}, change one value of an existing one with {@link #toBuilder()}.
 *
 * @param latency added to every affected request before it is handled
 * @param latencyJitter up to this much more latency, uniformly drawn per request
 * @param bandwidthBytesPerSecond the most bytes per second one response body is sent at;
 * 0 = unlimited
 * @param rates the probability (0..1) of each {@link FaultKind} per request; their sum is
 * at most 1, since a request gets at most one fault
 * @param stallDuration how long a {@link FaultKind#STALL} holds a request
 * @param apis the kintone APIs affected (e.g. {@code file}, {@code records}); empty =
 * every API. Latency and bandwidth follow the same restriction.
 * @param seed the seed of the random source; the same seed and request sequence give the
 * same faults
 */
public record FaultSettings(Duration latency, Duration latencyJitter, long bandwidthBytesPerSecond,
		Map<FaultKind, Double> rates, Duration stallDuration, Set<String> apis, long seed) {

	/**
	 * The stall duration unless set: longer than a patient client waits for a normal
	 * answer.
	 */
	public static final Duration DEFAULT_STALL = Duration.ofSeconds(10);

	public FaultSettings {
		requireNonNegative(latency, "latency");
		requireNonNegative(latencyJitter, "latencyJitter");
		requireNonNegative(stallDuration, "stallDuration");
		if (bandwidthBytesPerSecond < 0) {
			throw new IllegalArgumentException(
					"bandwidth must be 0 (unlimited) or a positive number of bytes per second, got "
							+ bandwidthBytesPerSecond);
		}
		Map<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
		double sum = 0;
		for (FaultKind kind : FaultKind.values()) {
			double rate = rates.getOrDefault(kind, 0.0);
			if (!(rate >= 0 && rate <= 1)) {
				throw new IllegalArgumentException(
						"the " + kind.label() + " rate must be between 0 and 1, got " + rate);
			}
			copy.put(kind, rate);
			sum += rate;
		}
		if (sum > 1 + 1e-9) {
			throw new IllegalArgumentException("the fault rates add up to " + sum
					+ " but a request gets at most one fault: make their sum at most 1");
		}
		rates = Map.copyOf(copy);
		apis = Set.copyOf(new LinkedHashSet<>(apis));
	}

	/** Nothing injected. */
	public static FaultSettings none() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		Builder builder = new Builder().latency(this.latency)
			.latencyJitter(this.latencyJitter)
			.bandwidthBytesPerSecond(this.bandwidthBytesPerSecond)
			.stallDuration(this.stallDuration)
			.apis(this.apis)
			.seed(this.seed);
		this.rates.forEach(builder::rate);
		return builder;
	}

	public double rate(FaultKind kind) {
		return this.rates.get(kind);
	}

	/** Whether requests to this API (null = no kintone API) are affected. */
	public boolean affects(@Nullable String api) {
		return this.apis.isEmpty() || this.apis.contains(api);
	}

	/** Whether anything at all is injected. */
	public boolean isActive() {
		return !this.latency.isZero() || !this.latencyJitter.isZero() || this.bandwidthBytesPerSecond > 0
				|| this.rates.values().stream().anyMatch((rate) -> rate > 0);
	}

	private static void requireNonNegative(Duration duration, String name) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + duration);
		}
	}

	/** Collects fault settings; not thread-safe. Everything defaults to "none". */
	public static final class Builder {

		private Duration latency = Duration.ZERO;

		private Duration latencyJitter = Duration.ZERO;

		private long bandwidthBytesPerSecond;

		private final Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);

		private Duration stallDuration = DEFAULT_STALL;

		private Set<String> apis = Set.of();

		private long seed;

		private Builder() {
		}

		public Builder latency(Duration latency) {
			this.latency = latency;
			return this;
		}

		public Builder latencyJitter(Duration jitter) {
			this.latencyJitter = jitter;
			return this;
		}

		/** 0 = unlimited. */
		public Builder bandwidthBytesPerSecond(long bytesPerSecond) {
			this.bandwidthBytesPerSecond = bytesPerSecond;
			return this;
		}

		public Builder rate(FaultKind kind, double rate) {
			this.rates.put(kind, rate);
			return this;
		}

		public Builder tooManyRequests(double rate) {
			return rate(FaultKind.TOO_MANY_REQUESTS, rate);
		}

		public Builder serviceUnavailable(double rate) {
			return rate(FaultKind.SERVICE_UNAVAILABLE, rate);
		}

		public Builder databaseLocked(double rate) {
			return rate(FaultKind.DATABASE_LOCKED, rate);
		}

		public Builder connectionReset(double rate) {
			return rate(FaultKind.CONNECTION_RESET, rate);
		}

		public Builder stall(double rate) {
			return rate(FaultKind.STALL, rate);
		}

		/** Spreads {@code rate} evenly over every {@link FaultKind}. */
		public Builder mixedRate(double rate) {
			for (FaultKind kind : FaultKind.values()) {
				rate(kind, rate / FaultKind.values().length);
			}
			return this;
		}

		public Builder stallDuration(Duration duration) {
			this.stallDuration = duration;
			return this;
		}

		/** Restricts everything injected to these kintone APIs, e.g. {@code "file"}. */
		public Builder apis(String... apis) {
			return apis(List.of(apis));
		}

		public Builder apis(Collection<String> apis) {
			this.apis = Set.copyOf(apis);
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		/** Throws {@link IllegalArgumentException} naming the first invalid value. */
		public FaultSettings build() {
			return new FaultSettings(this.latency, this.latencyJitter, this.bandwidthBytesPerSecond, this.rates,
					this.stallDuration, this.apis, this.seed);
		}

	}

}
