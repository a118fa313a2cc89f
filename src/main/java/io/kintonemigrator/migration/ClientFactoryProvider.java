package io.kintonemigrator.migration;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneConnection;

/**
 * Supplies the client factory for one job run, with the job's limits applied per domain
 * (the application wires the OkHttp client under the resilience layer). Each call may
 * return a new factory; all clients of one run come from one factory, so they share its
 * per-domain limits.
 */
@FunctionalInterface
public interface ClientFactoryProvider {

	KintoneClientFactory forLimits(JobConfig.Limits limits);

	/**
	 * Like {@link #forLimits(JobConfig.Limits)}, with every client wrapped by
	 * {@code eachAttempt} below any retry layer, so the wrapper sees every attempt, i.e.
	 * every request sent (the job counts requests against the daily budget there). This
	 * default, for providers without a retry layer, wraps the clients the factory opens.
	 */
	default KintoneClientFactory forLimits(JobConfig.Limits limits, ClientDecorator eachAttempt) {
		KintoneClientFactory factory = forLimits(limits);
		return connection -> eachAttempt.decorate(connection, factory.open(connection));
	}

	/** Wraps the client of a connection. */
	@FunctionalInterface
	interface ClientDecorator {

		KintoneClient decorate(KintoneConnection connection, KintoneClient client);

	}

}
