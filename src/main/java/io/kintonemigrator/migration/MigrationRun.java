package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.AppRequestMeter;
import io.kintonemigrator.migration.budget.MeteredKintoneClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.ledger.ApiUsageLedger;
import io.kintonemigrator.resilience.ConcurrencyLevel;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.kintonemigrator.transfer.AttachmentTransfer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What one job execution holds: its config (read from the job file at the start of the
 * execution, so a restart sees the current secrets), the source and target clients from
 * one factory (shared per-domain limits), the transfer with its private temp directory,
 * and the bounded executor that moves a chunk's attachments in parallel. A job-scoped
 * bean: created on first use in an execution and closed when the execution ends.
 */
public class MigrationRun implements DisposableBean {

	private final JobConfig config;

	private final KintoneClient source;

	private final KintoneClient target;

	private final AttachmentTransfer transfer;

	private final ExecutorService transfers;

	private final AppRequestMeter sourceRequests;

	private final AppRequestMeter targetRequests;

	private final ResilientKintoneClientFactory clients;

	private final RunCounters counters = new RunCounters();

	private final Path workDir;

	private final Runnable releaseClients;

	/**
	 * Opens the run's clients; every request they send is counted per app in
	 * {@code usage} (below the retry layer, so each attempt counts) against
	 * {@code limits.dailyRequestBudget}.
	 */
	public MigrationRun(JobConfig config, ClientFactoryProvider clientFactories, ApiUsageLedger usage, Path workDir,
			Clock clock) {
		this(config, eachAttempt -> clientFactories.forLimits(config.limits(), eachAttempt), () -> {
			// the factory is the run's alone
		}, usage, workDir, clock);
	}

	/**
	 * Opens the run's clients from the process's guard of each domain, shared with every
	 * other run that shares it ({@link SharedDomainLimits}): one partition of a run of
	 * several app pairs. Its retries and concurrency are then the domains', not its own.
	 */
	public MigrationRun(JobConfig config, SharedDomainLimits domains, ApiUsageLedger usage, Path workDir, Clock clock) {
		this(config, eachAttempt -> domains.factory(config, eachAttempt), () -> domains.release(config), usage, workDir,
				clock);
	}

	private MigrationRun(JobConfig config,
			Function<ClientFactoryProvider.ClientDecorator, ResilientKintoneClientFactory> factories,
			Runnable releaseClients, ApiUsageLedger usage, Path workDir, Clock clock) {
		this.config = config;
		this.workDir = workDir;
		this.releaseClients = releaseClients;
		long budget = config.limits().dailyRequestBudget();
		this.sourceRequests = new AppRequestMeter(config.source(), budget, usage, clock);
		this.targetRequests = new AppRequestMeter(config.target(), budget, usage, clock);
		ResilientKintoneClientFactory factory = factories.apply((connection, client) -> new MeteredKintoneClient(client,
				connection == config.source() ? sourceRequests : targetRequests));
		this.clients = factory;
		this.source = factory.open(config.source());
		this.target = factory.open(config.target());
		this.transfer = AttachmentTransfer.open(source, target, workDir, clock);
		int threads = config.limits().concurrency();
		CustomizableThreadFactory transferThreads = new CustomizableThreadFactory("transfer-");
		transferThreads.setDaemon(true);
		this.transfers = Executors.newFixedThreadPool(threads, transferThreads);
	}

	/** Where the run keeps its temporary files. */
	Path workDir() {
		return workDir;
	}

	public JobConfig config() {
		return config;
	}

	public KintoneClient source() {
		return source;
	}

	public KintoneClient target() {
		return target;
	}

	public AttachmentTransfer transfer() {
		return transfer;
	}

	public ExecutorService transfers() {
		return transfers;
	}

	AppRequestMeter sourceRequests() {
		return sourceRequests;
	}

	AppRequestMeter targetRequests() {
		return targetRequests;
	}

	/**
	 * Retry attempts of this run's clients so far (0 when the clients have no retry
	 * layer).
	 */
	long retries() {
		return clients.retries();
	}

	/**
	 * Each domain's adaptive concurrency now (none when the clients have no resilience
	 * layer).
	 */
	List<ConcurrencyLevel> concurrency() {
		return clients.concurrency();
	}

	RunCounters counters() {
		return counters;
	}

	@Override
	public void destroy() {
		transfers.shutdownNow();
		transfer.close();
		source.close();
		target.close();
		sourceRequests.close();
		targetRequests.close();
		releaseClients.run();
	}

}
