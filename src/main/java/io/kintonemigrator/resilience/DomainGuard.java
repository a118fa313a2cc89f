package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.kintonemigrator.kintone.KintoneRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of Retry, CircuitBreaker, RateLimiter and Bulkhead of a kintone domain, shared by
 * every client on that domain, composed as Retry(CircuitBreaker(RateLimiter(Bulkhead(call)))):
 * every attempt takes a rate permit and holds a concurrency slot only while it runs. Retries,
 * rejections and circuit changes are logged with running counts. Thread-safe.
 */
final class DomainGuard {

	private static final Logger log = LoggerFactory.getLogger(ResilientKintoneClient.class);

	private final String domain;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final RateLimiter rateLimiter;

	private final Bulkhead bulkhead;

	private final LongAdder retries = new LongAdder();

	private final LongAdder givenUp = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	DomainGuard(String domain, ResilienceSettings settings, Registries registries) {
		this.domain = domain;
		this.retry = registries.retry().retry(domain, retryConfig(settings));
		this.circuitBreaker = registries.circuitBreaker().circuitBreaker(domain, circuitBreakerConfig(settings));
		this.rateLimiter = registries.rateLimiter().rateLimiter(domain, rateLimiterConfig(settings));
		this.bulkhead = registries.bulkhead().bulkhead(domain, bulkheadConfig(settings));
		logEvents(settings);
	}

	/** Runs one whole operation; a retried attempt calls {@code operation} again from the start. */
	<T> T call(String operation, Supplier<T> call) {
		Supplier<T> guarded = Bulkhead.decorateSupplier(bulkhead, call);
		guarded = RateLimiter.decorateSupplier(rateLimiter, guarded);
		guarded = CircuitBreaker.decorateSupplier(circuitBreaker, guarded);
		guarded = Retry.decorateSupplier(retry, guarded);
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			throw new KintoneRejectedException(operation, "the circuit for " + domain + " is open after repeated failures", ex);
		}
		catch (BulkheadFullException ex) {
			throw new KintoneRejectedException(operation,
					"no free slot among " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls to "
							+ domain + " within " + bulkhead.getBulkheadConfig().getMaxWaitDuration(),
					ex);
		}
		catch (RequestNotPermitted ex) {
			throw new KintoneRejectedException(operation, "no rate permit for " + domain + " within "
					+ rateLimiter.getRateLimiterConfig().getTimeoutDuration(), ex);
		}
	}

	String domain() {
		return domain;
	}

	/** Retry attempts made on this domain so far (each attempt after the first counts once). */
	long retries() {
		return retries.sum();
	}

	Retry retry() {
		return retry;
	}

	CircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	RateLimiter rateLimiter() {
		return rateLimiter;
	}

	Bulkhead bulkhead() {
		return bulkhead;
	}

	private static RetryConfig retryConfig(ResilienceSettings settings) {
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException(TransientFailures::shouldRetry)
			.intervalBiFunction(new KintoneBackoff(settings))
			.failAfterMaxAttempts(false)
			.build();
	}

	private static CircuitBreakerConfig circuitBreakerConfig(ResilienceSettings settings) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.waitDurationInOpenState(settings.openStateWait())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			// our own limits refusing a call say nothing about the domain's health
			.ignoreExceptions(BulkheadFullException.class, RequestNotPermitted.class)
			// a permanent error (404, validation) is a healthy answer; only transient failures count
			.recordException(TransientFailures::isTransientKintoneFailure)
			.build();
	}

	private static RateLimiterConfig rateLimiterConfig(ResilienceSettings settings) {
		// one permit per 1/rps: smooth, never a burst at a period boundary
		long periodNanos = Math.max(1, Math.round(1_000_000_000d / settings.requestsPerSecond()));
		return RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos(periodNanos))
			.timeoutDuration(settings.maxWaitForPermit())
			.build();
	}

	private static BulkheadConfig bulkheadConfig(ResilienceSettings settings) {
		return BulkheadConfig.custom()
			.maxConcurrentCalls(settings.maxConcurrentCalls())
			.maxWaitDuration(settings.maxWaitForSlot())
			.fairCallHandlingStrategyEnabled(true)
			.build();
	}

	private void logEvents(ResilienceSettings settings) {
		retry.getEventPublisher().onRetry(event -> {
			retries.increment();
			log.warn("kintone {}: attempt {} of {} failed, next in {} ms ({} retries on this domain so far): {}", domain,
					event.getNumberOfRetryAttempts(), settings.maxAttempts(), event.getWaitInterval().toMillis(),
					retries.sum(), describe(event.getLastThrowable()));
		});
		retry.getEventPublisher().onError(event -> {
			givenUp.increment();
			log.warn("kintone {}: giving up after {} attempts ({} operations given up on this domain so far): {}", domain,
					event.getNumberOfRetryAttempts(), givenUp.sum(), describe(event.getLastThrowable()));
		});
		bulkhead.getEventPublisher().onCallRejected(event -> {
			rejected.increment();
			log.warn("kintone {}: call refused, all {} concurrency slots stayed busy ({} refused so far)", domain,
					settings.maxConcurrentCalls(), rejected.sum());
		});
		rateLimiter.getEventPublisher().onFailure(event -> {
			rejected.increment();
			log.warn("kintone {}: call refused, no rate permit within {} ({} refused so far)", domain,
					settings.maxWaitForPermit(), rejected.sum());
		});
		circuitBreaker.getEventPublisher().onStateTransition(event -> log.warn(
				"kintone {}: circuit {} (failure rate {}%, {} calls refused while open so far)", domain,
				event.getStateTransition(), circuitBreaker.getMetrics().getFailureRate(),
				circuitBreaker.getMetrics().getNumberOfNotPermittedCalls()));
	}

	private static String describe(Throwable failure) {
		// our exceptions carry no secrets and no bodies in their messages
		return failure == null ? "" : failure.getMessage();
	}

	/** The registries a factory keeps; their instances are what the metrics report. */
	record Registries(RetryRegistry retry, CircuitBreakerRegistry circuitBreaker, RateLimiterRegistry rateLimiter,
			BulkheadRegistry bulkhead) {

		static Registries create() {
			return new Registries(RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(),
					RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
		}

	}

}
