package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

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
import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.KintoneRejectedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of Retry, CircuitBreaker, busy-domain retry, RateLimiter and adaptive
 * concurrency limit of a kintone domain, shared by every client on that domain, composed
 * as Retry(CircuitBreaker(BusyDomainRetry(RateLimiter(AdaptiveConcurrencyLimit(call))))):
 * every attempt takes a rate permit and holds a concurrency slot only while it runs; the
 * domain's {@code X-ConcurrencyLimit-*} report of each attempt adapts the limit; a 429
 * lowers it and is waited out below the circuit, so a busy domain slows us down but never
 * opens the circuit nor uses up the attempts. Retries, rejections and circuit changes are
 * logged with running counts. Thread-safe.
 */
final class DomainGuard {

	private static final Logger log = LoggerFactory.getLogger(ResilientKintoneClient.class);

	private final String domain;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final RateLimiter rateLimiter;

	private final AdaptiveConcurrencyLimit concurrency;

	private final BusyDomainRetry busyRetry;

	private final Duration maxWaitForSlot;

	private final LongAdder retries = new LongAdder();

	private final LongAdder givenUp = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder busyRetries = new LongAdder();

	DomainGuard(String domain, ResilienceSettings settings, Registries registries) {
		this.domain = domain;
		this.retry = registries.retry().retry(domain, retryConfig(settings));
		this.circuitBreaker = registries.circuitBreaker().circuitBreaker(domain, circuitBreakerConfig(settings));
		this.rateLimiter = registries.rateLimiter().rateLimiter(domain, rateLimiterConfig(settings));
		this.concurrency = new AdaptiveConcurrencyLimit(settings.minConcurrentCalls(), settings.maxConcurrentCalls(),
				settings.domainHeadroom());
		this.maxWaitForSlot = settings.maxWaitForSlot();
		this.busyRetry = new BusyDomainRetry(new KintoneBackoff(settings), settings.maxBusyWait(),
				(busyAnswers, wait, failure) -> {
					busyRetries.increment();
					retries.increment();
					log.warn(
							"kintone {}: domain busy, try {} of this call waits {} ms, concurrency now {} of {} "
									+ "({} retries on this domain so far): {}",
							domain, busyAnswers, wait.toMillis(), concurrency.limit(), settings.maxConcurrentCalls(),
							retries.sum(), describe(failure));
				});
		logEvents(settings);
	}

	/**
	 * Runs one whole operation; a retried attempt calls {@code operation} again from the
	 * start.
	 */
	<T> T call(String operation, Supplier<T> call) {
		return call(operation, call, null);
	}

	/**
	 * Runs one whole operation; a retried attempt calls {@code operation} again from the
	 * start.
	 * @param usage read after each attempt, while it still holds its slot: the domain's
	 * last {@code X-ConcurrencyLimit-Limit/Running} report (normally the attempt's own
	 * answer) and how many of the running requests were ours
	 */
	<T> T call(String operation, Supplier<T> call, @Nullable Supplier<DomainConcurrency> usage) {
		Supplier<T> guarded = inSlot(call, usage);
		guarded = RateLimiter.decorateSupplier(rateLimiter, guarded);
		Supplier<T> permitted = guarded;
		guarded = () -> busyRetry.call(permitted);
		guarded = CircuitBreaker.decorateSupplier(circuitBreaker, guarded);
		guarded = Retry.decorateSupplier(retry, guarded);
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			throw new KintoneRejectedException(operation,
					"the circuit for " + domain + " is open after repeated failures", ex);
		}
		catch (NoFreeSlotException ex) {
			throw new KintoneRejectedException(operation,
					"no free slot among " + ex.limit + " concurrent calls to " + domain + " within " + maxWaitForSlot,
					ex);
		}
		catch (RequestNotPermitted ex) {
			throw new KintoneRejectedException(operation, "no rate permit for " + domain + " within "
					+ rateLimiter.getRateLimiterConfig().getTimeoutDuration(), ex);
		}
	}

	/**
	 * Holds a slot of the adaptive limit for one attempt, and adapts the limit to its
	 * answer.
	 */
	private <T> Supplier<T> inSlot(Supplier<T> call, @Nullable Supplier<DomainConcurrency> usage) {
		return () -> {
			if (!concurrency.acquire(maxWaitForSlot)) {
				rejected.increment();
				int limit = concurrency.limit();
				log.warn("kintone {}: call refused, all {} concurrency slots stayed busy ({} refused so far)", domain,
						limit, rejected.sum());
				throw new NoFreeSlotException(limit);
			}
			RuntimeException failure = null;
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
			finally {
				try {
					if (usage != null) {
						DomainConcurrency reported = usage.get();
						concurrency.observe(reported.limit(), reported.running(), reported.own());
					}
					if (failure != null && TransientFailures.isConcurrencyRefusal(failure)) {
						concurrency.refused();
					}
				}
				finally {
					concurrency.release();
				}
			}
		};
	}

	String domain() {
		return domain;
	}

	/**
	 * Retry attempts made on this domain so far (each attempt after the first counts
	 * once, busy-domain ones too).
	 */
	long retries() {
		return retries.sum();
	}

	/** Of {@link #retries()}, those after a 429 (busy domain). */
	long busyRetries() {
		return busyRetries.sum();
	}

	AdaptiveConcurrencyLimit concurrency() {
		return concurrency;
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
			.ignoreExceptions(NoFreeSlotException.class, RequestNotPermitted.class)
			// a busy domain (429 left after waiting maxBusyWait) is a reason to slow
			// down, not a broken domain
			.ignoreException(TransientFailures::isBusyDomain)
			// a permanent error (404, validation) is a healthy answer; only transient
			// failures count
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

	private void logEvents(ResilienceSettings settings) {
		retry.getEventPublisher().onRetry(event -> {
			retries.increment();
			log.warn("kintone {}: attempt {} of {} failed, next in {} ms ({} retries on this domain so far): {}",
					domain, event.getNumberOfRetryAttempts(), settings.maxAttempts(),
					event.getWaitInterval().toMillis(), retries.sum(), describe(event.getLastThrowable()));
		});
		retry.getEventPublisher().onError(event -> {
			givenUp.increment();
			log.warn("kintone {}: giving up after {} attempts ({} operations given up on this domain so far): {}",
					domain, event.getNumberOfRetryAttempts(), givenUp.sum(), describe(event.getLastThrowable()));
		});
		rateLimiter.getEventPublisher().onFailure(event -> {
			rejected.increment();
			log.warn("kintone {}: call refused, no rate permit within {} ({} refused so far)", domain,
					settings.maxWaitForPermit(), rejected.sum());
		});
		circuitBreaker.getEventPublisher()
			.onStateTransition(
					event -> log.warn("kintone {}: circuit {} (failure rate {}%, {} calls refused while open so far)",
							domain, event.getStateTransition(), circuitBreaker.getMetrics().getFailureRate(),
							circuitBreaker.getMetrics().getNumberOfNotPermittedCalls()));
	}

	private static String describe(Throwable failure) {
		// our exceptions carry no secrets and no bodies in their messages
		return failure == null ? "" : failure.getMessage();
	}

	/** The registries a factory keeps; their instances are what the metrics report. */
	record Registries(RetryRegistry retry, CircuitBreakerRegistry circuitBreaker, RateLimiterRegistry rateLimiter) {

		static Registries create() {
			return new Registries(RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(),
					RateLimiterRegistry.ofDefaults());
		}

	}

	/** Our own limit refused a call: no slot came free within {@code maxWaitForSlot}. */
	static final class NoFreeSlotException extends RuntimeException {

		private final int limit;

		NoFreeSlotException(int limit) {
			super("no free concurrency slot", null, false, false);
			this.limit = limit;
		}

	}

}
