package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to the calls of one kintone domain: retries (busy-domain waits included),
 * operations given up, calls our own limits refused and circuit changes, each logged as a
 * warning with the domain's running count (a wait a stop request interrupted is no
 * refusal: DEBUG), under the logger of {@link ResilientKintoneClient}. Messages carry our
 * exceptions' messages, which hold no secrets and no bodies. Thread-safe.
 */
final class DomainEvents implements BusyDomainRetry.Listener {

	private static final Logger log = LoggerFactory.getLogger(ResilientKintoneClient.class);

	private final String domain;

	private final ResilienceSettings settings;

	private final AdaptiveConcurrencyLimit concurrency;

	private final LongAdder retries = new LongAdder();

	private final LongAdder givenUp = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder busyRetries = new LongAdder();

	DomainEvents(String domain, ResilienceSettings settings, AdaptiveConcurrencyLimit concurrency) {
		this.domain = domain;
		this.settings = settings;
		this.concurrency = concurrency;
	}

	/** Counts and logs the retries, give-ups, refused permits and circuit changes. */
	void listenTo(Retry retry, RateLimiter rateLimiter, CircuitBreaker circuitBreaker) {
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
			if (stopping()) {
				log.debug("kintone {}: a stop request ended the wait for a rate permit", domain);
				return;
			}
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

	/** A busy-domain wait is a retry too. */
	@Override
	public void beforeWait(int busyAnswers, Duration wait, RuntimeException failure) {
		busyRetries.increment();
		retries.increment();
		log.warn(
				"kintone {}: domain busy, try {} of this call waits {} ms, concurrency now {} of {} "
						+ "({} retries on this domain so far): {}",
				domain, busyAnswers, wait.toMillis(), concurrency.limit(), settings.maxConcurrentCalls(), retries.sum(),
				describe(failure));
	}

	/** No slot of the {@code limit} came free in time. */
	void slotRefused(int limit) {
		if (stopping()) {
			log.debug("kintone {}: a stop request ended the wait for a concurrency slot", domain);
			return;
		}
		rejected.increment();
		log.warn("kintone {}: call refused, all {} concurrency slots stayed busy ({} refused so far)", domain, limit,
				rejected.sum());
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

	/**
	 * Whether the waiting thread was interrupted: the job is stopping (SIGTERM, a budget
	 * stop), which is no refusal to warn about; the interrupt flag stays set.
	 */
	static boolean stopping() {
		return Thread.currentThread().isInterrupted();
	}

	private static String describe(Throwable failure) {
		// our exceptions carry no secrets and no bodies in their messages
		return failure == null ? "" : failure.getMessage();
	}

}
