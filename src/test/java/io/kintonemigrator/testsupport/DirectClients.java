package io.kintonemigrator.testsupport;

import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.migration.ClientFactoryProvider;
import io.kintonemigrator.resilience.ResilienceSettings;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A job run's clients over in-memory ones, through the same resilience layer as the
 * application's, set so that it changes nothing a test sees: one attempt per request, no
 * rate limit, a circuit that does not open within a test.
 */
public final class DirectClients {

	private DirectClients() {
	}

	public static ClientFactoryProvider over(KintoneClientFactory clients) {
		return (limits, eachAttempt) -> new ResilientKintoneClientFactory(
				connection -> eachAttempt.decorate(connection, clients.open(connection)),
				ResilienceSettings.builder()
					.maxConcurrentCalls(limits.concurrency())
					.domainHeadroom(limits.domainHeadroom())
					.requestsPerSecond(1_000_000)
					.maxAttempts(1)
					.circuitBreaker(100, 10_000, 10_000)
					.build(),
				new SimpleMeterRegistry());
	}

}
