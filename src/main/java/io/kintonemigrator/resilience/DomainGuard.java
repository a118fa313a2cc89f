package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.KintoneRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * The one set of Retry, CircuitBreaker, busy-domain retry, RateLimiter and adaptive
 * concurrency limit of a kintone domain, shared by every client on that domain, composed
 * as Retry(CircuitBreaker(BusyDomainRetry(RateLimiter(AdaptiveConcurrencyLimit(call))))):
 * every attempt takes a rate permit and holds a concurrency slot only while it runs
 * ({@link ConcurrencySlots}); the domain's {@code X-ConcurrencyLimit-*} report of each
 * attempt adapts the limit; a 429 lowers it and is waited out below the circuit, so a
 * busy domain slows us down but never opens the circuit nor uses up the attempts.
 * Retries, rejections and circuit changes are logged with running counts
 * ({@link DomainEvents}). Thread-safe.
 */
final class DomainGuard {

	private final String domain;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final RateLimiter rateLimiter;

	private final AdaptiveConcurrencyLimit concurrency;

	private final ConcurrencySlots slots;

	private final BusyDomainRetry busyRetry;

	private final Duration maxWaitForSlot;

	private final DomainEvents events;

	DomainGuard(String domain, ResilienceSettings settings, Registries registries) {
		this.domain = domain;
		this.retry = registries.retry().retry(domain, Resilience4jConfigs.retry(settings));
		this.circuitBreaker = registries.circuitBreaker()
			.circuitBreaker(domain, Resilience4jConfigs.circuitBreaker(settings));
		this.rateLimiter = registries.rateLimiter().rateLimiter(domain, Resilience4jConfigs.rateLimiter(settings));
		this.concurrency = new AdaptiveConcurrencyLimit(settings.minConcurrentCalls(), settings.maxConcurrentCalls(),
				settings.domainHeadroom());
		this.maxWaitForSlot = settings.maxWaitForSlot();
		this.events = new DomainEvents(domain, settings, this.concurrency);
		this.slots = new ConcurrencySlots(this.concurrency, this.maxWaitForSlot, this.events);
		this.busyRetry = new BusyDomainRetry(new KintoneBackoff(settings), settings.maxBusyWait(), this.events);
		this.events.listenTo(this.retry, this.rateLimiter, this.circuitBreaker);
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
		Supplier<T> guarded = slots.decorate(call, usage);
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
		catch (NoFreeSlotException | RequestNotPermitted ex) {
			if (DomainEvents.stopping()) {
				throw new KintoneRejectedException(operation,
						"the job is stopping: a stop request ended the wait to call " + domain, ex);
			}
			throw refusal(operation, ex);
		}
	}

	private KintoneRejectedException refusal(String operation, RuntimeException ex) {
		if (ex instanceof NoFreeSlotException noSlot) {
			return new KintoneRejectedException(operation, "no free slot among " + noSlot.limit()
					+ " concurrent calls to " + domain + " within " + maxWaitForSlot, ex);
		}
		return new KintoneRejectedException(operation,
				"no rate permit for " + domain + " within " + rateLimiter.getRateLimiterConfig().getTimeoutDuration(),
				ex);
	}

	String domain() {
		return domain;
	}

	/**
	 * Retry attempts made on this domain so far (each attempt after the first counts
	 * once, busy-domain ones too).
	 */
	long retries() {
		return events.retries();
	}

	/** Of {@link #retries()}, those after a 429 (busy domain). */
	long busyRetries() {
		return events.busyRetries();
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

	/** The registries a factory keeps; their instances are what the metrics report. */
	record Registries(RetryRegistry retry, CircuitBreakerRegistry circuitBreaker, RateLimiterRegistry rateLimiter) {

		static Registries create() {
			return new Registries(RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(),
					RateLimiterRegistry.ofDefaults());
		}

	}

}
