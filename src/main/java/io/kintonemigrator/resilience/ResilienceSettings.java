package io.kintonemigrator.resilience;

import static io.kintonemigrator.kintone.KintoneLimits.CONCURRENT_REQUESTS_PER_DOMAIN;

import java.time.Duration;

/**
 * How hard we may press one kintone domain, and how we back off. kintone allows 100
 * concurrent requests per domain, shared with every human user of it, so the defaults are
 * conservative: at most 4 calls in flight (adapted down to 2 while the domain is busy,
 * keeping 20 of its slots free for others) and 5 requests per second per domain, 6
 * attempts with exponential backoff from 1 s to 60 s (multiplier 2, jitter 0.5), a
 * server's {@code Retry-After} honoured up to 5 minutes, a busy domain (a 429, or no free
 * slot of ours) waited for up to 30 minutes, and a circuit that opens for 30 s when half
 * of the last 20 calls (at least 10) failed transiently.
 *
 * @param maxConcurrentCalls the most calls in flight per domain
 * ({@code limits.concurrency}), 1..100
 * @param minConcurrentCalls the fewest calls in flight the adaptive limit goes down to,
 * 1..100 (taken as {@code maxConcurrentCalls} when greater; equal to it, the limit does
 * not adapt)
 * @param domainHeadroom slots of the domain's concurrency limit to leave free for its
 * other clients, 0..99 ({@code limits.domainHeadroom}); see
 * {@link AdaptiveConcurrencyLimit}
 * @param maxWaitForSlot how long a call waits for a free slot before it is refused (as
 * long as a busy domain is waited for by default: a busy domain may hold the limit at its
 * floor for a while)
 * @param requestsPerSecond request starts per second per domain (each attempt counts),
 * &gt; 0
 * @param maxWaitForPermit how long a call waits for the rate limiter before it is refused
 * @param maxAttempts attempts per operation including the first, 1..20
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff cap on any computed wait
 * @param multiplier growth of the wait per attempt, &ge; 1
 * @param jitter 0..1: each wait is drawn uniformly from
 * {@code [wait * (1 - jitter), wait]}
 * @param maxRetryAfter cap on a server's {@code Retry-After}
 * @param maxBusyWait how long one operation keeps trying while the domain answers 429
 * (busy); these tries do not count against {@code maxAttempts} nor the circuit
 * @param failureRateThreshold percentage of transient failures that opens the circuit,
 * 1..100
 * @param slidingWindowSize calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the failure rate counts,
 * 1..slidingWindowSize
 * @param openStateWait how long an open circuit refuses calls before it lets a few
 * through
 * @param permittedCallsInHalfOpenState trial calls of a half-open circuit
 */
public record ResilienceSettings(int maxConcurrentCalls, int minConcurrentCalls, int domainHeadroom,
		Duration maxWaitForSlot, double requestsPerSecond, Duration maxWaitForPermit, int maxAttempts,
		Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter, Duration maxRetryAfter,
		Duration maxBusyWait, float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
		Duration openStateWait, int permittedCallsInHalfOpenState) {

	public ResilienceSettings {
		check(maxConcurrentCalls >= 1 && maxConcurrentCalls <= CONCURRENT_REQUESTS_PER_DOMAIN, "maxConcurrentCalls",
				maxConcurrentCalls,
				"1..100 (kintone allows 100 concurrent requests per domain, shared with its users)");
		check(minConcurrentCalls >= 1 && minConcurrentCalls <= 100, "minConcurrentCalls", minConcurrentCalls, "1..100");
		check(domainHeadroom >= 0 && domainHeadroom <= 99, "domainHeadroom", domainHeadroom,
				"0..99 (slots of the domain's 100 left free for its other clients)");
		check(!maxWaitForSlot.isNegative(), "maxWaitForSlot", maxWaitForSlot, "zero or positive");
		check(requestsPerSecond > 0 && requestsPerSecond <= 1_000_000, "requestsPerSecond", requestsPerSecond,
				"greater than 0");
		check(!maxWaitForPermit.isNegative(), "maxWaitForPermit", maxWaitForPermit, "zero or positive");
		check(maxAttempts >= 1 && maxAttempts <= 20, "maxAttempts", maxAttempts, "1..20");
		check(initialBackoff.toMillis() >= 1, "initialBackoff", initialBackoff, "at least 1 ms");
		check(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", maxBackoff, "at least initialBackoff");
		check(multiplier >= 1.0, "multiplier", multiplier, "at least 1");
		check(jitter >= 0 && jitter <= 1, "jitter", jitter, "0..1");
		check(!maxRetryAfter.isNegative(), "maxRetryAfter", maxRetryAfter, "zero or positive");
		check(!maxBusyWait.isNegative(), "maxBusyWait", maxBusyWait, "zero or positive");
		check(failureRateThreshold > 0 && failureRateThreshold <= 100, "failureRateThreshold", failureRateThreshold,
				"1..100 (percent)");
		check(slidingWindowSize >= 1, "slidingWindowSize", slidingWindowSize, "at least 1");
		check(minimumNumberOfCalls >= 1 && minimumNumberOfCalls <= slidingWindowSize, "minimumNumberOfCalls",
				minimumNumberOfCalls, "1..slidingWindowSize");
		check(openStateWait.toMillis() >= 1, "openStateWait", openStateWait, "at least 1 ms");
		check(permittedCallsInHalfOpenState >= 1, "permittedCallsInHalfOpenState", permittedCallsInHalfOpenState,
				"at least 1");
	}

	/** The conservative defaults described above. */
	public static ResilienceSettings defaults() {
		return new ResilienceSettings(4, 2, 20, Duration.ofMinutes(30), 5, Duration.ofMinutes(5), 6,
				Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, Duration.ofMinutes(5), Duration.ofMinutes(30),
				50, 20, 10, Duration.ofSeconds(30), 3);
	}

	/** A builder starting from {@link #defaults()}. */
	public static Builder builder() {
		return new Builder(defaults());
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	private static void check(boolean valid, String name, Object value, String expected) {
		if (!valid) {
			throw new IllegalArgumentException(
					"resilience setting " + name + " is " + value + "; it must be " + expected);
		}
	}

	/** Changes some settings, keeps the others; {@link #build()} validates. */
	public static final class Builder {

		private int maxConcurrentCalls;

		private int minConcurrentCalls;

		private int domainHeadroom;

		private Duration maxWaitForSlot;

		private double requestsPerSecond;

		private Duration maxWaitForPermit;

		private int maxAttempts;

		private Duration initialBackoff;

		private Duration maxBackoff;

		private double multiplier;

		private double jitter;

		private Duration maxRetryAfter;

		private Duration maxBusyWait;

		private float failureRateThreshold;

		private int slidingWindowSize;

		private int minimumNumberOfCalls;

		private Duration openStateWait;

		private int permittedCallsInHalfOpenState;

		private Builder(ResilienceSettings s) {
			maxConcurrentCalls = s.maxConcurrentCalls;
			minConcurrentCalls = s.minConcurrentCalls;
			domainHeadroom = s.domainHeadroom;
			maxWaitForSlot = s.maxWaitForSlot;
			requestsPerSecond = s.requestsPerSecond;
			maxWaitForPermit = s.maxWaitForPermit;
			maxAttempts = s.maxAttempts;
			initialBackoff = s.initialBackoff;
			maxBackoff = s.maxBackoff;
			multiplier = s.multiplier;
			jitter = s.jitter;
			maxRetryAfter = s.maxRetryAfter;
			maxBusyWait = s.maxBusyWait;
			failureRateThreshold = s.failureRateThreshold;
			slidingWindowSize = s.slidingWindowSize;
			minimumNumberOfCalls = s.minimumNumberOfCalls;
			openStateWait = s.openStateWait;
			permittedCallsInHalfOpenState = s.permittedCallsInHalfOpenState;
		}

		public Builder maxConcurrentCalls(int value) {
			maxConcurrentCalls = value;
			return this;
		}

		public Builder minConcurrentCalls(int value) {
			minConcurrentCalls = value;
			return this;
		}

		public Builder domainHeadroom(int value) {
			domainHeadroom = value;
			return this;
		}

		public Builder maxWaitForSlot(Duration value) {
			maxWaitForSlot = value;
			return this;
		}

		public Builder requestsPerSecond(double value) {
			requestsPerSecond = value;
			return this;
		}

		public Builder maxWaitForPermit(Duration value) {
			maxWaitForPermit = value;
			return this;
		}

		public Builder maxAttempts(int value) {
			maxAttempts = value;
			return this;
		}

		/**
		 * Sets the first wait and the cap; use small values in tests so they run in
		 * milliseconds.
		 */
		public Builder backoff(Duration initial, Duration max) {
			initialBackoff = initial;
			maxBackoff = max;
			return this;
		}

		public Builder multiplier(double value) {
			multiplier = value;
			return this;
		}

		public Builder jitter(double value) {
			jitter = value;
			return this;
		}

		public Builder maxRetryAfter(Duration value) {
			maxRetryAfter = value;
			return this;
		}

		public Builder maxBusyWait(Duration value) {
			maxBusyWait = value;
			return this;
		}

		/**
		 * The circuit opens when {@code failureRatePercent} of the last {@code window}
		 * calls (at least {@code minimumCalls}) failed.
		 */
		public Builder circuitBreaker(float failureRatePercent, int window, int minimumCalls) {
			failureRateThreshold = failureRatePercent;
			slidingWindowSize = window;
			minimumNumberOfCalls = minimumCalls;
			return this;
		}

		public Builder openStateWait(Duration value) {
			openStateWait = value;
			return this;
		}

		public Builder permittedCallsInHalfOpenState(int value) {
			permittedCallsInHalfOpenState = value;
			return this;
		}

		public ResilienceSettings build() {
			return new ResilienceSettings(maxConcurrentCalls, minConcurrentCalls, domainHeadroom, maxWaitForSlot,
					requestsPerSecond, maxWaitForPermit, maxAttempts, initialBackoff, maxBackoff, multiplier, jitter,
					maxRetryAfter, maxBusyWait, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls,
					openStateWait, permittedCallsInHalfOpenState);
		}

	}

}
