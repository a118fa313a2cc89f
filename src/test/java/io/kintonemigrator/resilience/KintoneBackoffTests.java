package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.core.functions.Either;
import io.kintonemigrator.kintone.KintoneApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KintoneBackoffTests {

	private final ResilienceSettings settings = ResilienceSettings.builder()
		.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
		.multiplier(2)
		.jitter(0.5)
		.maxRetryAfter(Duration.ofSeconds(30))
		.build();

	private static KintoneApiException tooMany(Duration retryAfter) {
		return new KintoneApiException("op", 429, "GAIA_TO04", "id", "busy", Map.of(), true, retryAfter);
	}

	@Test
	void growsExponentiallyUpToTheCapWithoutJitter() {
		KintoneBackoff backoff = new KintoneBackoff(settings, () -> 0.0);

		assertThat(backoff.backoff(1)).isEqualTo(1000);
		assertThat(backoff.backoff(2)).isEqualTo(2000);
		assertThat(backoff.backoff(3)).isEqualTo(4000);
		assertThat(backoff.backoff(4)).isEqualTo(8000);
		assertThat(backoff.backoff(5)).isEqualTo(10000);
		assertThat(backoff.backoff(20)).isEqualTo(10000);
	}

	@Test
	void jitterOnlyShortensTheWaitSoTheCapHolds() {
		KintoneBackoff mostJitter = new KintoneBackoff(settings, () -> 0.999999);

		assertThat(mostJitter.backoff(1)).isEqualTo(500);
		assertThat(mostJitter.backoff(10)).isEqualTo(5000);
		KintoneBackoff realRandom = new KintoneBackoff(settings);
		for (int attempt = 1; attempt < 12; attempt++) {
			assertThat(realRandom.backoff(attempt)).isBetween(1L, 10_000L);
		}
	}

	@Test
	void aServersRetryAfterWinsAndIsCapped() {
		KintoneBackoff backoff = new KintoneBackoff(settings, () -> 0.0);

		assertThat(backoff.apply(1, Either.left(tooMany(Duration.ofSeconds(7))))).isEqualTo(7000);
		assertThat(backoff.apply(1, Either.left(tooMany(Duration.ofMinutes(10))))).isEqualTo(30_000);
		assertThat(backoff.apply(3, Either.left(tooMany(null)))).isEqualTo(4000);
		assertThat(backoff.apply(2, Either.left(new IllegalStateException()))).isEqualTo(2000);
	}

}
