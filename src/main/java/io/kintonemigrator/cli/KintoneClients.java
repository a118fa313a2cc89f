package io.kintonemigrator.cli;

import java.time.Clock;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.migration.ClientFactoryProvider;
import io.kintonemigrator.resilience.ResilienceSettings;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The one place kintone clients are built, for every command: a transport (OkHttp, one
 * connection pool for the process) under the resilience layer, configured from the job
 * file's {@code limits} (concurrency, headroom and rate per domain) and the process's
 * {@code kam.resilience.*} backoff. Each {@link #forLimits} call returns a new factory
 * whose clients share its per-domain limits; a job run opens all its clients from one.
 *
 * <p>
 * Closing this closes the transport when this instance created it ({@link #overHttp}); a
 * transport passed in stays its owner's to close.
 */
public final class KintoneClients implements ClientFactoryProvider, AutoCloseable {

	private final KintoneClientFactory transport;

	private final MigratorProperties.Resilience backoff;

	private final MeterRegistry registry;

	private final Runnable closeTransport;

	/** Clients over {@code transport}; the caller keeps closing it. */
	public KintoneClients(KintoneClientFactory transport, MigratorProperties.Resilience backoff,
			MeterRegistry registry) {
		this(transport, backoff, registry, () -> {
			// the caller's to close
		});
	}

	private KintoneClients(KintoneClientFactory transport, MigratorProperties.Resilience backoff,
			MeterRegistry registry, Runnable closeTransport) {
		this.transport = transport;
		this.backoff = backoff;
		this.registry = registry;
		this.closeTransport = closeTransport;
	}

	/** Clients over a new OkHttp transport, which {@link #close} closes. */
	public static KintoneClients overHttp(Clock clock, MigratorProperties.Resilience backoff, MeterRegistry registry) {
		OkHttpKintoneClientFactory http = new OkHttpKintoneClientFactory(clock);
		return new KintoneClients(http, backoff, registry, http::close);
	}

	/**
	 * Clients over a new OkHttp transport with the default backoff, for a command without
	 * a context.
	 */
	public static KintoneClients overHttp(Clock clock) {
		return overHttp(clock, MigratorProperties.Resilience.defaults(), new SimpleMeterRegistry());
	}

	@Override
	public ResilientKintoneClientFactory forLimits(JobConfig.Limits limits, ClientDecorator eachAttempt) {
		// the decorator goes below the resilience layer: it sees every attempt
		return new ResilientKintoneClientFactory(
				connection -> eachAttempt.decorate(connection, transport.open(connection)),
				ResilienceSettings.builder()
					.maxConcurrentCalls(limits.concurrency())
					.domainHeadroom(limits.domainHeadroom())
					.requestsPerSecond(limits.requestsPerSecond())
					.backoff(backoff.initialBackoff(), backoff.maxBackoff())
					.maxAttempts(backoff.maxAttempts())
					.build(),
				registry);
	}

	@Override
	public void close() {
		closeTransport.run();
	}

}
