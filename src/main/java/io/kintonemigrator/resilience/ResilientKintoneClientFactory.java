package io.kintonemigrator.resilience;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Opens {@link ResilientKintoneClient}s around the clients of another factory. It keeps
 * ONE set of Retry, CircuitBreaker, RateLimiter and adaptive concurrency limit per
 * kintone domain (the base URL's host and port), so a source and a target app on the same
 * domain share that domain's concurrency and rate budget. Each set is named after its
 * domain, and the usual Resilience4j meters ({@code resilience4j.retry.calls},
 * {@code resilience4j.circuitbreaker.state},
 * {@code resilience4j.ratelimiter.waiting_threads}, ...) and ours
 * ({@code kintone.concurrency.limit}, {@code kintone.concurrency.max},
 * {@code kintone.concurrency.in.flight}, {@code kintone.busy.retries}) are published on
 * the given registry, tagged {@code name=<domain>}. Thread-safe.
 */
public final class ResilientKintoneClientFactory implements KintoneClientFactory {

	private final KintoneClientFactory delegate;

	private final ResilienceSettings settings;

	private final DomainGuard.Registries registries = DomainGuard.Registries.create();

	private final Map<String, DomainGuard> domains = new ConcurrentHashMap<>();

	private final MeterRegistry meterRegistry;

	public ResilientKintoneClientFactory(KintoneClientFactory delegate, ResilienceSettings settings,
			MeterRegistry meterRegistry) {
		this.delegate = delegate;
		this.settings = settings;
		TaggedRetryMetrics.ofRetryRegistry(registries.retry()).bindTo(meterRegistry);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registries.circuitBreaker()).bindTo(meterRegistry);
		TaggedRateLimiterMetrics.ofRateLimiterRegistry(registries.rateLimiter()).bindTo(meterRegistry);
		this.meterRegistry = meterRegistry;
	}

	@Override
	public KintoneClient open(KintoneConnection connection) {
		KintoneClient client = delegate.open(connection);
		DomainGuard guard = domains.computeIfAbsent(domainOf(connection),
				domain -> bindMeters(new DomainGuard(domain, settings, registries)));
		return new ResilientKintoneClient(client, guard);
	}

	/**
	 * Retry attempts this factory's clients made so far, on all domains: every attempt
	 * after the first of an operation counts once (Resilience4j's {@code onRetry}
	 * events). Thread-safe.
	 */
	public long retries() {
		return domains.values().stream().mapToLong(DomainGuard::retries).sum();
	}

	/** Each domain's concurrency now, in domain order. Thread-safe. */
	public List<ConcurrencyLevel> concurrency() {
		return domains.values()
			.stream()
			.map(ResilientKintoneClientFactory::level)
			.sorted(Comparator.comparing(ConcurrencyLevel::domain))
			.toList();
	}

	private static ConcurrencyLevel level(DomainGuard guard) {
		AdaptiveConcurrencyLimit.Snapshot s = guard.concurrency().snapshot();
		return new ConcurrencyLevel(guard.domain(), s.limit(), s.lowest(), s.ceiling(), s.lastRunning());
	}

	private DomainGuard bindMeters(DomainGuard guard) {
		AdaptiveConcurrencyLimit limit = guard.concurrency();
		Gauge.builder("kintone.concurrency.limit", limit, AdaptiveConcurrencyLimit::limit)
			.description("calls allowed in flight on the domain now (adapted to its X-ConcurrencyLimit-Running)")
			.tag("name", guard.domain())
			.register(meterRegistry);
		Gauge.builder("kintone.concurrency.max", limit, l -> l.snapshot().ceiling())
			.description("the most calls allowed in flight on the domain (limits.concurrency)")
			.tag("name", guard.domain())
			.register(meterRegistry);
		Gauge.builder("kintone.concurrency.in.flight", limit, AdaptiveConcurrencyLimit::inFlight)
			.description("our calls in flight on the domain")
			.tag("name", guard.domain())
			.register(meterRegistry);
		FunctionCounter.builder("kintone.busy.retries", guard, DomainGuard::busyRetries)
			.description("attempts repeated after the domain answered 429")
			.tag("name", guard.domain())
			.register(meterRegistry);
		return guard;
	}

	/** The settings every domain is guarded with. */
	public ResilienceSettings settings() {
		return settings;
	}

	/**
	 * {@code host[:port]} of the base URL, lower case; the port only when it is not the
	 * scheme's default.
	 */
	static String domainOf(KintoneConnection connection) {
		var uri = connection.baseUrl();
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
				|| (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
		return defaultPort ? host : host + ":" + port;
	}

	DomainGuard guardOf(String domain) {
		return domains.get(domain);
	}

}
