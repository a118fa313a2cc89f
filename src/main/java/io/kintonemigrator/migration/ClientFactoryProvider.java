package io.kintonemigrator.migration;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;

/**
 * Supplies the client factory for one job run, with the job's limits applied per domain
 * under the resilience layer (the application's is {@code cli.KintoneClients}). Each call
 * returns a new factory; all clients of one run come from one factory, so they share its
 * per-domain limits, and the run reads its retries and concurrency from it.
 */
@FunctionalInterface
public interface ClientFactoryProvider {

	/**
	 * The factory for a run with these limits, every client wrapped by
	 * {@code eachAttempt} below the retry layer, so the wrapper sees every attempt, i.e.
	 * every request sent (the job counts requests against the daily budget there).
	 */
	ResilientKintoneClientFactory forLimits(JobConfig.Limits limits, ClientDecorator eachAttempt);

	/** The factory for a run with these limits, its clients unwrapped. */
	default ResilientKintoneClientFactory forLimits(JobConfig.Limits limits) {
		return forLimits(limits, (connection, client) -> client);
	}

	/** Wraps the client of a connection. */
	@FunctionalInterface
	interface ClientDecorator {

		KintoneClient decorate(KintoneConnection connection, KintoneClient client);

	}

}
