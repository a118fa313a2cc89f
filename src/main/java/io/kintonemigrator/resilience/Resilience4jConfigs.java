package io.kintonemigrator.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.RetryConfig;

/**
 * {@link ResilienceSettings} as Resilience4j's retry, circuit breaker and rate limiter
 * configurations, with the classification of {@link TransientFailures}: only transient
 * failures are retried and counted by the circuit; a busy domain and our own limits
 * refusing a call never open it.
 */
final class Resilience4jConfigs {

	private Resilience4jConfigs() {
	}

	/**
	 * Up to {@code maxAttempts} with {@link KintoneBackoff}; the last failure is thrown
	 * as it is.
	 */
	static RetryConfig retry(ResilienceSettings settings) {
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException(TransientFailures::shouldRetry)
			.intervalBiFunction(new KintoneBackoff(settings))
			.failAfterMaxAttempts(false)
			.build();
	}

	/**
	 * A count-based window of transient failures; an open circuit turns half-open only
	 * when a call arrives after {@code openStateWait}.
	 */
	static CircuitBreakerConfig circuitBreaker(ResilienceSettings settings) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.waitDurationInOpenState(settings.openStateWait())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			// our own limits refusing a call say nothing about the domain's health
			.ignoreExceptions(NoFreeSlotException.class, RequestNotPermitted.class)
			// a busy domain (429 left after waiting maxBusyWait) is a reason to slow
			// down, not a broken domain
			.ignoreException(TransientFailures::isBusyDomain)
			// a permanent error (404, validation) is a healthy answer; only transient
			// failures count
			.recordException(TransientFailures::isTransientKintoneFailure)
			.build();
	}

	/**
	 * One permit per {@code 1 / requestsPerSecond}, waited for up to
	 * {@code maxWaitForPermit}.
	 */
	static RateLimiterConfig rateLimiter(ResilienceSettings settings) {
		// one permit per 1/rps: smooth, never a burst at a period boundary
		long periodNanos = Math.max(1, Math.round(1_000_000_000d / settings.requestsPerSecond()));
		return RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos(periodNanos))
			.timeoutDuration(settings.maxWaitForPermit())
			.build();
	}

}
