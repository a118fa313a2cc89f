package io.kintonemigrator.cli;

import java.time.Clock;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.migration.ClientFactoryProvider;
import io.kintonemigrator.resilience.ResilienceSettings;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The kintone clients the job uses: one shared OkHttp factory (one connection pool),
 * wrapped per job run in the resilience layer with the job's {@code limits} (concurrency
 * and rate per domain). Backoff can be shortened with
 * {@code kam.resilience.initial-backoff} / {@code max-backoff} / {@code max-attempts}
 * (tests do; users rarely need to).
 */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean(destroyMethod = "close")
	OkHttpKintoneClientFactory okHttpKintoneClientFactory(Clock clock) {
		return new OkHttpKintoneClientFactory(clock);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientFactoryProvider clientFactoryProvider(OkHttpKintoneClientFactory http,
			ObjectProvider<MeterRegistry> meterRegistry,
			@Value("${kam.resilience.initial-backoff:1s}") java.time.Duration initialBackoff,
			@Value("${kam.resilience.max-backoff:60s}") java.time.Duration maxBackoff,
			@Value("${kam.resilience.max-attempts:6}") int maxAttempts) {
		MeterRegistry registry = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
		return new ClientFactoryProvider() {

			@Override
			public KintoneClientFactory forLimits(JobConfig.Limits limits) {
				return forLimits(limits, (connection, client) -> client);
			}

			@Override
			public KintoneClientFactory forLimits(JobConfig.Limits limits, ClientDecorator eachAttempt) {
				// the decorator goes below the resilience layer: it sees every attempt
				return new ResilientKintoneClientFactory(
						connection -> eachAttempt.decorate(connection, http.open(connection)),
						ResilienceSettings.builder()
							.maxConcurrentCalls(limits.concurrency())
							.domainHeadroom(limits.domainHeadroom())
							.requestsPerSecond(limits.requestsPerSecond())
							.backoff(initialBackoff, maxBackoff)
							.maxAttempts(maxAttempts)
							.build(),
						registry);
			}

		};
	}

}
