package io.kintonemigrator.migration;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;

/**
 * One guard per kintone domain for every partition run in the process: runs whose limits
 * agree on what a domain allows ({@code concurrency}, {@code requestsPerSecond},
 * {@code domainHeadroom}; the multi-file {@code migrate} rejects pairs on one domain
 * whose limits differ, see {@link PairOrder#limitsProblem}) open their clients from one
 * {@link ResilientKintoneClientFactory}, which keeps one set of retry, circuit breaker,
 * rate limiter and adaptive concurrency per domain. Each run still meters its own apps:
 * its decorator is kept for its own two connection objects (by identity) until
 * {@link #release}. Thread-safe.
 */
public final class SharedDomainLimits {

	private final ClientFactoryProvider clients;

	private final Map<DomainLimits, ResilientKintoneClientFactory> factories = new ConcurrentHashMap<>();

	private final Map<KintoneConnection, ClientFactoryProvider.ClientDecorator> decorators = Collections
		.synchronizedMap(new IdentityHashMap<>());

	public SharedDomainLimits(ClientFactoryProvider clients) {
		this.clients = clients;
	}

	/**
	 * The shared factory for the run of {@code config}; the clients it opens for
	 * {@code config.source()} and {@code config.target()} (these very objects) are
	 * wrapped by {@code eachAttempt} below the retry layer.
	 */
	ResilientKintoneClientFactory factory(JobConfig config, ClientFactoryProvider.ClientDecorator eachAttempt) {
		decorators.put(config.source(), eachAttempt);
		decorators.put(config.target(), eachAttempt);
		JobConfig.Limits limits = config.limits();
		return factories.computeIfAbsent(DomainLimits.of(limits), key -> clients.forLimits(limits, this::decorate));
	}

	/** Forgets the decorators of the run of {@code config} (it has ended). */
	void release(JobConfig config) {
		decorators.remove(config.source());
		decorators.remove(config.target());
	}

	private KintoneClient decorate(KintoneConnection connection, KintoneClient client) {
		ClientFactoryProvider.ClientDecorator decorator = decorators.get(connection);
		return decorator == null ? client : decorator.decorate(connection, client);
	}

	/** What a domain's guard is built from. */
	record DomainLimits(int concurrency, double requestsPerSecond, int domainHeadroom) {

		static DomainLimits of(JobConfig.Limits limits) {
			return new DomainLimits(limits.concurrency(), limits.requestsPerSecond(), limits.domainHeadroom());
		}

	}

}
