package io.kintonemigrator.migration;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClientFactory;

/**
 * Supplies the client factory for one job run, with the job's limits applied per domain (the
 * application wires the OkHttp client under the resilience layer). Each call may return a new
 * factory; all clients of one run come from one factory, so they share its per-domain limits.
 */
@FunctionalInterface
public interface ClientFactoryProvider {

	KintoneClientFactory forLimits(JobConfig.Limits limits);

}
