package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.kintonemigrator.kintone.KintoneApiException;

/**
 * The wait before the next attempt. A server's {@code Retry-After} wins (capped at
 * {@code maxRetryAfter}); otherwise {@code initialBackoff * multiplier^(attempt-1)},
 * capped at {@code maxBackoff}, then lowered by a random part of up to {@code jitter} of
 * itself so that clients that failed together do not come back together. The cap is never
 * exceeded.
 */
final class KintoneBackoff implements IntervalBiFunction<Object> {

	private final ResilienceSettings settings;

	private final DoubleSupplier random;

	KintoneBackoff(ResilienceSettings settings) {
		this(settings, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * @param random values in {@code [0, 1)}
	 */
	KintoneBackoff(ResilienceSettings settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	/**
	 * @param attempt the attempt that just failed, from 1
	 */
	@Override
	public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
		if (outcome.isLeft() && outcome.getLeft() instanceof KintoneApiException api && api.retryAfter() != null) {
			Duration retryAfter = api.retryAfter();
			return Math.min(retryAfter.toMillis(), settings.maxRetryAfter().toMillis());
		}
		return backoff(attempt);
	}

	long backoff(int attempt) {
		double max = settings.maxBackoff().toMillis();
		double exponential = settings.initialBackoff().toMillis()
				* Math.pow(settings.multiplier(), Math.max(0, attempt - 1));
		double capped = Math.min(exponential, max);
		return Math.max(1, Math.round(capped * (1 - settings.jitter() * random.getAsDouble())));
	}

}
