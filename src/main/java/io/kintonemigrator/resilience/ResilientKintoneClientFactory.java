package io.kintonemigrator.resilience;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneConnection;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Opens {@link ResilientKintoneClient}s around the clients of another factory. It keeps ONE set of
 * Retry, CircuitBreaker, RateLimiter and Bulkhead per kintone domain (the base URL's host and
 * port), so a source and a target app on the same domain share that domain's concurrency and rate
 * budget. Each set is named after its domain, and the usual Resilience4j meters
 * ({@code resilience4j.retry.calls}, {@code resilience4j.bulkhead.available.concurrent.calls},
 * {@code resilience4j.circuitbreaker.state}, {@code resilience4j.ratelimiter.waiting_threads}, ...)
 * are published on the given registry, tagged {@code name=<domain>}. Thread-safe.
 */
public final class ResilientKintoneClientFactory implements KintoneClientFactory {

	private final KintoneClientFactory delegate;

	private final ResilienceSettings settings;

	private final DomainGuard.Registries registries = DomainGuard.Registries.create();

	private final Map<String, DomainGuard> domains = new ConcurrentHashMap<>();

	public ResilientKintoneClientFactory(KintoneClientFactory delegate, ResilienceSettings settings,
			MeterRegistry meterRegistry) {
		this.delegate = delegate;
		this.settings = settings;
		TaggedRetryMetrics.ofRetryRegistry(registries.retry()).bindTo(meterRegistry);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registries.circuitBreaker()).bindTo(meterRegistry);
		TaggedRateLimiterMetrics.ofRateLimiterRegistry(registries.rateLimiter()).bindTo(meterRegistry);
		TaggedBulkheadMetrics.ofBulkheadRegistry(registries.bulkhead()).bindTo(meterRegistry);
	}

	@Override
	public KintoneClient open(KintoneConnection connection) {
		KintoneClient client = delegate.open(connection);
		DomainGuard guard = domains.computeIfAbsent(domainOf(connection),
				domain -> new DomainGuard(domain, settings, registries));
		return new ResilientKintoneClient(client, guard);
	}

	/**
	 * Retry attempts this factory's clients made so far, on all domains: every attempt after the
	 * first of an operation counts once (Resilience4j's {@code onRetry} events). Thread-safe.
	 */
	public long retries() {
		return domains.values().stream().mapToLong(DomainGuard::retries).sum();
	}

	/** The settings every domain is guarded with. */
	public ResilienceSettings settings() {
		return settings;
	}

	/** {@code host[:port]} of the base URL, lower case; the port only when it is not the scheme's default. */
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
