package io.kintonemigrator.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilienceSettingsTests {

	@Test
	void defaultsAreConservativeForADomainSharedWithItsUsers() {
		ResilienceSettings defaults = ResilienceSettings.defaults();

		assertThat(defaults.maxConcurrentCalls()).isLessThanOrEqualTo(10);
		assertThat(defaults.requestsPerSecond()).isLessThanOrEqualTo(10);
		assertThat(defaults.maxAttempts()).isGreaterThan(1);
		assertThat(defaults.maxBackoff()).isGreaterThanOrEqualTo(defaults.initialBackoff());
		assertThat(defaults.domainHeadroom()).isEqualTo(20);
		assertThat(defaults.minConcurrentCalls()).isBetween(1, defaults.maxConcurrentCalls());
		// a busy domain is waited for far longer than all attempts' backoff together
		assertThat(defaults.maxBusyWait()).isGreaterThan(defaults.maxBackoff().multipliedBy(defaults.maxAttempts()));
	}

	@Test
	void theBuilderChangesOnlyWhatItIsTold() {
		ResilienceSettings settings = ResilienceSettings.builder().maxConcurrentCalls(8).requestsPerSecond(10).build();

		assertThat(settings.maxConcurrentCalls()).isEqualTo(8);
		assertThat(settings.requestsPerSecond()).isEqualTo(10);
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
		assertThat(settings.maxAttempts()).isEqualTo(ResilienceSettings.defaults().maxAttempts());
	}

	@Test
	void anInvalidSettingIsNamedWithWhatItMustBe() {
		assertThatThrownBy(() -> ResilienceSettings.builder().maxConcurrentCalls(101).build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("resilience setting maxConcurrentCalls is 101; it must be 1..100 "
					+ "(kintone allows 100 concurrent requests per domain, shared with its users)");
		assertThatThrownBy(() -> ResilienceSettings.builder().requestsPerSecond(0).build())
			.hasMessageContaining("requestsPerSecond");
		assertThatThrownBy(
				() -> ResilienceSettings.builder().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
			.hasMessageContaining("maxBackoff");
		assertThatThrownBy(() -> ResilienceSettings.builder().jitter(1.5).build()).hasMessageContaining("jitter");
		assertThatThrownBy(() -> ResilienceSettings.builder().circuitBreaker(50, 10, 11).build())
			.hasMessageContaining("minimumNumberOfCalls");
		assertThatThrownBy(() -> ResilienceSettings.builder().domainHeadroom(100).build())
			.hasMessage("resilience setting domainHeadroom is 100; it must be 0..99 "
					+ "(slots of the domain's 100 left free for its other clients)");
		assertThatThrownBy(() -> ResilienceSettings.builder().minConcurrentCalls(0).build())
			.hasMessageContaining("minConcurrentCalls");
		assertThatThrownBy(() -> ResilienceSettings.builder().maxBusyWait(Duration.ofSeconds(-1)).build())
			.hasMessageContaining("maxBusyWait");
	}

}
