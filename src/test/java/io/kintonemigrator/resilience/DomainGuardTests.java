package io.kintonemigrator.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneRejectedException;
import io.kintonemigrator.kintone.KintoneTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The composition and classification, driven by scripted failures; backoff is 1 ms so
 * nothing really waits.
 */
class DomainGuardTests {

	private final ResilienceSettings fast = ResilienceSettings.builder()
		.backoff(Duration.ofMillis(1), Duration.ofMillis(2))
		.requestsPerSecond(100_000)
		.maxAttempts(4)
		.build();

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopPool() {
		pool.shutdownNow();
	}

	private static KintoneApiException apiError(int status, String code, boolean retryable) {
		return new KintoneApiException("op", status, code, "id", "m", Map.of(), retryable, null);
	}

	/** Fails with the given exceptions in turn, then answers "ok". */
	private static Supplier<String> failing(AtomicInteger attempts, RuntimeException... failures) {
		return () -> {
			int attempt = attempts.getAndIncrement();
			if (attempt < failures.length) {
				throw failures[attempt];
			}
			return "ok";
		};
	}

	private DomainGuard guard(ResilienceSettings settings) {
		return new DomainGuard("example.cybozu.com", settings, DomainGuard.Registries.create());
	}

	@Test
	void transientFailuresAreRetriedUntilTheOperationSucceeds() {
		AtomicInteger attempts = new AtomicInteger();
		DomainGuard guard = guard(fast);

		String result = guard.call("op", failing(attempts, apiError(429, "GAIA_TO04", true),
				new KintoneTransportException("op", new IOException("reset")), apiError(503, null, true)));

		assertThat(result).isEqualTo("ok");
		assertThat(attempts).hasValue(4);
		assertThat(guard.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
	}

	@Test
	void aPermanentErrorIsTriedOnceAndDoesNotCountAgainstTheCircuit() {
		AtomicInteger attempts = new AtomicInteger();
		DomainGuard guard = guard(fast);
		KintoneApiException notFound = apiError(404, "GAIA_BL01", false);

		assertThatThrownBy(() -> guard.call("op", failing(attempts, notFound, notFound))).isSameAs(notFound);

		assertThat(attempts).hasValue(1);
		assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void theLastTransientFailureIsThrownWhenAttemptsRunOut() {
		AtomicInteger attempts = new AtomicInteger();
		KintoneApiException last = apiError(400, "GAIA_DA02", true);

		assertThatThrownBy(() -> guard(fast).call("op", failing(attempts, apiError(503, null, true),
				apiError(503, null, true), apiError(503, null, true), last)))
			.isSameAs(last);
		assertThat(attempts).hasValue(4);
	}

	@Test
	void retryAfterDecidesTheWait() {
		AtomicInteger attempts = new AtomicInteger();
		DomainGuard guard = guard(fast.toBuilder().maxRetryAfter(Duration.ofMillis(40)).build());
		List<Duration> waits = new ArrayList<>();
		guard.retry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));

		guard.call("op", failing(attempts,
				new KintoneApiException("op", 503, null, null, "maintenance", Map.of(), true, Duration.ofMillis(25)),
				new KintoneApiException("op", 503, null, null, "down", Map.of(), true, Duration.ofSeconds(3600))));

		assertThat(waits).containsExactly(Duration.ofMillis(25), Duration.ofMillis(40));
	}

	@Test
	void anOpenCircuitRefusesCallsWithATypedKintoneException() {
		ResilienceSettings settings = fast.toBuilder()
			.maxAttempts(1)
			.circuitBreaker(50, 4, 4)
			.openStateWait(Duration.ofMinutes(1))
			.build();
		DomainGuard guard = guard(settings);
		AtomicInteger attempts = new AtomicInteger();
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> guard.call("op", failing(attempts, apiError(503, null, true))))
				.isInstanceOf(KintoneApiException.class);
			attempts.set(0);
		}

		assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		AtomicInteger calls = new AtomicInteger();
		assertThatThrownBy(() -> guard.call("get records", failing(calls))).isInstanceOf(KintoneRejectedException.class)
			.hasMessageContaining("get records refused: the circuit for example.cybozu.com is open")
			.satisfies(ex -> assertThat(((KintoneRejectedException) ex).isRetryable()).isTrue());
		assertThat(calls).hasValue(0);
	}

	@Test
	void noMoreThanTheConfiguredCallsRunAtOnceAndAWaitingCallIsRefusedAfterItsMaxWait() throws Exception {
		DomainGuard guard = guard(fast.toBuilder().maxConcurrentCalls(2).maxWaitForSlot(Duration.ofMillis(50)).build());
		CountDownLatch inside = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		Supplier<String> blocking = () -> {
			inside.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "done";
		};
		Future<String> first = pool.submit(() -> guard.call("op", blocking));
		Future<String> second = pool.submit(() -> guard.call("op", blocking));
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

		assertThatThrownBy(() -> guard.call("upload file a.pdf", () -> "never"))
			.isInstanceOf(KintoneRejectedException.class)
			.hasMessageContaining("no free slot among 2 concurrent calls");
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
		assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("done");
	}

	@Test
	void aBusyDomainIsWaitedOutWithoutUsingUpAttemptsOrCountingAgainstTheCircuit() {
		DomainGuard guard = guard(fast.toBuilder().maxAttempts(2).circuitBreaker(50, 4, 4).build());
		AtomicInteger attempts = new AtomicInteger();
		RuntimeException[] busy = new RuntimeException[12];
		Arrays.fill(busy, apiError(429, "GAIA_TO04", true));

		String result = guard.call("op", failing(attempts, busy));

		assertThat(result).isEqualTo("ok");
		assertThat(attempts).hasValue(13);
		assertThat(guard.busyRetries()).isEqualTo(12);
		assertThat(guard.retries()).isEqualTo(12);
		assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aDomainBusyForLongerThanMaxBusyWaitFailsTheCallWithTheLast429ButLeavesTheCircuitClosed() {
		DomainGuard guard = guard(
				fast.toBuilder().maxAttempts(2).circuitBreaker(50, 2, 2).maxBusyWait(Duration.ofMillis(100)).build());
		AtomicInteger attempts = new AtomicInteger();
		Supplier<String> alwaysBusy = () -> {
			attempts.incrementAndGet();
			throw apiError(429, "GAIA_TO04", true);
		};

		for (int call = 0; call < 3; call++) {
			assertThatThrownBy(() -> guard.call("op", alwaysBusy)).isInstanceOfSatisfying(KintoneApiException.class,
					ex -> assertThat(ex.status()).isEqualTo(429));
		}

		// bounded by time, not by maxAttempts; and the outer retry does not start the
		// wait over
		assertThat(attempts.get()).isGreaterThan(3 * 2);
		assertThat(guard.retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isZero();
		assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void a429ForTooManyRequestsLowersTheConcurrencyAndOneForTooManyCursorsDoesNot() {
		DomainGuard guard = guard(fast.toBuilder().maxConcurrentCalls(8).build());
		AtomicInteger attempts = new AtomicInteger();

		guard.call("op", failing(attempts, apiError(429, "GAIA_TM12", true)));
		assertThat(guard.concurrency().limit()).isEqualTo(8);

		guard.call("op", failing(new AtomicInteger(), apiError(429, "GAIA_TO04", true)));
		assertThat(guard.concurrency().limit()).isEqualTo(2);
	}

	@Test
	void eachAttemptsReportOfTheDomainAdaptsTheConcurrency() {
		DomainGuard guard = guard(fast.toBuilder().maxConcurrentCalls(50).domainHeadroom(20).build());
		DomainConcurrency crowded = new DomainConcurrency(100, 71, -1);

		guard.call("op", () -> "ok", () -> crowded);

		// 71 running, 1 of them ours: 70 others, 100 - 20 - 70 = 10 fit
		assertThat(guard.concurrency().limit()).isEqualTo(10);
	}

	@Test
	void aBugInOurOwnCodeIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		IllegalStateException bug = new IllegalStateException("bug");

		assertThatThrownBy(() -> guard(fast).call("op", failing(attempts, bug))).isSameAs(bug);
		assertThat(attempts).hasValue(1);
	}

}
