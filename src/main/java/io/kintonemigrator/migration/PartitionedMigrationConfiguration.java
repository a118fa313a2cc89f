package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.migration.budget.BudgetEstimate;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.ApiUsageLedger;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.MigrationLedger;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migration of several app pairs in one run, job {@value #JOB_NAME}:
 * {@code preflightPairs} (every pair checked before the first write) →
 * {@code migratePairs} (partitioned: one partition per pair, or per {@code $id} range of
 * a pair with {@code partitions: N}) → {@code reportPairs}. A partition keeps everything
 * a job of one pair has (ledger under the pair's name, exactly-once, daily budget per
 * app, checkpoint); a failed or stopped partition re-runs alone on the next run, a
 * completed one is not started again. Partitions on one domain share its guard
 * ({@link SharedDomainLimits}).
 *
 * <h2>Job parameters</h2> {@code job.name} (identifying: the run's name),
 * {@code job.fingerprint} (identifying) and {@value #PARAM_FILES} (not identifying: the
 * absolute paths of the job files, one per line, read again by every execution so secrets
 * are never persisted).
 *
 * <h2>Contract for remote partitioning (stable)</h2>
 * <ul>
 * <li>Partitioner: bean {@value #PARTITIONER} ({@link PairPartitioner}, step-scoped,
 * reads {@value #PARAM_FILES}). It writes the {@link PartitionKeys} into each partition's
 * step ExecutionContext: {@value PartitionKeys#JOB_FILE} (String),
 * {@value PartitionKeys#PAIR} (String), {@value PartitionKeys#AFTER_ID} and
 * {@value PartitionKeys#TO_ID} (Long, the {@code $id} range), {@value PartitionKeys#WAVE}
 * (Integer, dependency order: a wave starts once the waves before completed).</li>
 * <li>Worker step: bean {@value #WORKER_STEP} (a {@link Step} named
 * {@value #WORKER_STEP}); its reader, processor, writer and listeners are
 * {@code @StepScope} beans that read only {@code #{stepExecutionContext[...]}} (and the
 * job repository, ledger and job file), so it runs on any JVM sharing the job repository
 * and ledger. Partition step executions are named {@code migratePartition:<partition>}
 * (partition: the pair's name, or {@code <name>#<i>of<n>}).</li>
 * <li>Manager step: bean {@value #MANAGER_STEP}, built from the partitioner and the
 * {@link PartitionHandler} bean {@value #PARTITION_HANDLER}; the local one
 * ({@link WaveOrderedPartitionHandler}, a {@code TaskExecutorPartitionHandler}) is
 * {@code @ConditionalOnMissingBean(PartitionHandler.class)}: define another
 * {@code PartitionHandler} bean to replace it. The job {@value #JOB_NAME} uses
 * {@value #MANAGER_STEP}; nothing in it is {@code @JobScope} (spring-batch #4702).</li>
 * </ul>
 * The chunk size of a partition is its job file's {@code limits.chunkSize}, on a remote
 * worker too; how many partitions run at once in this process is
 * {@code kam.partition-threads} (default 8).
 */
@Configuration(proxyBeanMethods = false)
public class PartitionedMigrationConfiguration {

	public static final String JOB_NAME = "pairsMigration";

	/** Not identifying: the job files, absolute paths, one per line. */
	public static final String PARAM_FILES = "job.files";

	public static final String PARTITIONER = "migrationPartitioner";

	public static final String WORKER_STEP = "migratePartition";

	public static final String MANAGER_STEP = "migratePairs";

	public static final String PARTITION_HANDLER = "partitionHandler";

	/** The value of {@value #PARAM_FILES} for these job files. */
	public static String filesParameter(List<Path> jobFiles) {
		return String.join("\n", jobFiles.stream().map(file -> file.toAbsolutePath().normalize().toString()).toList());
	}

	/** The job files of a {@value #PARAM_FILES} value. */
	public static List<Path> jobFiles(String filesParameter) {
		return Arrays.stream(filesParameter.split("\n")).filter(line -> !line.isBlank()).map(Path::of).toList();
	}

	@Bean
	SharedDomainLimits sharedDomainLimits(ClientFactoryProvider clients) {
		return new SharedDomainLimits(clients);
	}

	@Bean(PARTITIONER)
	@StepScope
	PairPartitioner migrationPartitioner(@Value("#{jobParameters['" + PARAM_FILES + "']}") String files,
			JobConfigLoader loader, SharedDomainLimits domains, ApiUsageLedger usage, MigratorProperties properties,
			Clock clock) {
		return new PairPartitioner(jobFiles(files), loader, runs(domains, usage, properties, clock));
	}

	@Bean
	@StepScope
	PreflightPairsTasklet preflightPairsTasklet(@Value("#{jobParameters['" + PARAM_FILES + "']}") String files,
			JobConfigLoader loader, SharedDomainLimits domains, ApiUsageLedger usage, MigratorProperties properties,
			Clock clock) {
		return new PreflightPairsTasklet(jobFiles(files).stream().map(loader::load).toList(),
				runs(domains, usage, properties, clock));
	}

	@Bean
	@StepScope
	PairsReportTasklet pairsReportTasklet(@Value("#{jobParameters['" + PARAM_FILES + "']}") String files,
			JobConfigLoader loader, MigrationLedger ledger) {
		return new PairsReportTasklet(jobFiles(files).stream().map(loader::load).map(JobConfig::name).toList(), ledger);
	}

	/**
	 * A partition's run: its job file read again, its clients under the domains' guards.
	 */
	@Bean
	@StepScope
	MigrationRun partitionRun(@Value("#{stepExecutionContext['" + PartitionKeys.JOB_FILE + "']}") String jobFile,
			JobConfigLoader loader, SharedDomainLimits domains, ApiUsageLedger usage, MigratorProperties properties,
			Clock clock) {
		return new MigrationRun(loader.load(Path.of(jobFile)), domains, usage, properties.workDir(), clock);
	}

	@Bean
	@StepScope
	BudgetEstimate partitionBudgetEstimate(@Qualifier("partitionRun") MigrationRun partitionRun) {
		return new BudgetEstimate(partitionRun.config().limits().chunkSize(),
				partitionRun.config().limits().dailyRequestBudget());
	}

	@Bean
	@StepScope
	RunControlListener partitionRunControl(@Qualifier("partitionRun") MigrationRun partitionRun, Clock clock,
			@Qualifier("partitionBudgetEstimate") BudgetEstimate partitionBudgetEstimate, StopRequest stopRequest,
			@Value("#{stepExecutionContext['" + PartitionKeys.AFTER_ID + "']}") long afterId,
			@Value("#{stepExecutionContext['" + PartitionKeys.TO_ID + "']}") long toId) {
		// each partition keeps its own progress; the run's is the sum (not shown yet)
		return new RunControlListener(partitionRun, new RunProgress(), clock, partitionBudgetEstimate, stopRequest,
				SourceSelection.within(new IdRange(afterId, toId), partitionRun.config().query()));
	}

	@Bean
	@StepScope
	SourceRecordReader partitionReader(@Qualifier("partitionRun") MigrationRun partitionRun,
			@Value("#{stepExecutionContext['" + PartitionKeys.AFTER_ID + "']}") long afterId,
			@Value("#{stepExecutionContext['" + PartitionKeys.TO_ID + "']}") long toId) {
		JobConfig config = partitionRun.config();
		return new SourceRecordReader(partitionRun.source(), TargetLookup.sourceFields(config),
				SourceSelection.within(new IdRange(afterId, toId), config.query()));
	}

	@Bean
	@StepScope
	AttachmentExtractor partitionExtractor(@Qualifier("partitionRun") MigrationRun partitionRun,
			MigrationLedger ledger) {
		return AttachmentMigrationJobConfiguration.extractor(partitionRun, ledger);
	}

	@Bean
	@StepScope
	TargetRecordWriter partitionWriter(@Qualifier("partitionRun") MigrationRun partitionRun, MigrationLedger ledger,
			Clock clock, @Qualifier("partitionReader") SourceRecordReader partitionReader,
			@Qualifier("partitionExtractor") AttachmentExtractor partitionExtractor,
			@Qualifier("partitionBudgetEstimate") BudgetEstimate partitionBudgetEstimate,
			ObjectProvider<LeaseFence> fence, ObjectProvider<BulkUpdateListener> updateListener,
			PlatformTransactionManager transactionManager) {
		LeaseFence lockFence = fence.getIfAvailable(() -> LeaseFence.NONE);
		// the ranges of one pair renew the same lock row: each renewal commits at once
		// instead of holding that row locked until its chunk commits
		TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		LeaseFence committedAtOnce = job -> ownTransaction.executeWithoutResult(status -> lockFence.verifyHeld(job));
		return AttachmentMigrationJobConfiguration.writer(partitionRun, ledger, clock, false, partitionReader,
				partitionExtractor, partitionBudgetEstimate, partitionRun.config().limits().chunkSize(),
				committedAtOnce, updateListener);
	}

	@Bean
	Step preflightPairs(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PreflightPairsTasklet preflightPairsTasklet) {
		return new StepBuilder("preflightPairs", jobRepository).tasklet(preflightPairsTasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * The worker step: the chunk size of each partition is its job file's
	 * {@code limits.chunkSize} ({@link ChunkSizedStep}).
	 */
	@Bean(WORKER_STEP)
	Step migratePartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			@Qualifier("partitionReader") SourceRecordReader partitionReader,
			@Qualifier("partitionExtractor") AttachmentExtractor partitionExtractor,
			@Qualifier("partitionWriter") TargetRecordWriter partitionWriter,
			@Qualifier("partitionRunControl") RunControlListener partitionRunControl, JobConfigLoader loader,
			MigratorProperties properties) {
		return new ChunkSizedStep(WORKER_STEP, partition -> chunkSize(partition, loader, properties),
				size -> new StepBuilder(WORKER_STEP, jobRepository).<KintoneRecord, SourceItem>chunk(size)
					.transactionManager(transactionManager)
					.reader(partitionReader)
					.processor(partitionExtractor)
					.writer(partitionWriter)
					.listener((StepExecutionListener) partitionRunControl)
					.listener((ChunkListener<KintoneRecord, SourceItem>) partitionRunControl)
					.build());
	}

	/**
	 * A partition's chunk size: its job file's {@code limits.chunkSize}; when the file
	 * cannot be read, {@code kam.chunk-size}, and the partition's step then fails on it
	 * and records why (as it did before chunk sizes were per partition).
	 */
	private static int chunkSize(StepExecution partition, JobConfigLoader loader, MigratorProperties properties) {
		try {
			return loader.load(Path.of(partition.getExecutionContext().getString(PartitionKeys.JOB_FILE)))
				.limits()
				.chunkSize();
		}
		catch (RuntimeException ex) {
			return properties.chunkSize();
		}
	}

	@Bean(PARTITION_HANDLER)
	@ConditionalOnMissingBean(PartitionHandler.class)
	WaveOrderedPartitionHandler partitionHandler(JobRepository jobRepository,
			@Qualifier(WORKER_STEP) Step migratePartition, @Value("${kam.partition-threads:8}") int partitionThreads) {
		WaveOrderedPartitionHandler handler = new WaveOrderedPartitionHandler(jobRepository);
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
		executor.setConcurrencyLimit(partitionThreads);
		handler.setTaskExecutor(executor);
		handler.setStep(migratePartition);
		return handler;
	}

	@Bean(MANAGER_STEP)
	Step migratePairs(JobRepository jobRepository, @Qualifier(PARTITIONER) PairPartitioner migrationPartitioner,
			PartitionHandler partitionHandler) {
		return new StepBuilder(MANAGER_STEP, jobRepository).partitioner(WORKER_STEP, migrationPartitioner)
			.partitionHandler(partitionHandler)
			.build();
	}

	@Bean
	Step reportPairs(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PairsReportTasklet pairsReportTasklet) {
		return new StepBuilder("reportPairs", jobRepository).tasklet(pairsReportTasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean(JOB_NAME)
	Job pairsMigration(JobRepository jobRepository, @Qualifier("preflightPairs") Step preflightPairs,
			@Qualifier(MANAGER_STEP) Step migratePairs, @Qualifier("reportPairs") Step reportPairs) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(new LastErrorListener(jobRepository))
			.listener(new BudgetStopListener())
			.start(preflightPairs)
			.next(migratePairs)
			.next(reportPairs)
			.build();
	}

	/** Runs under the domains' guards, for preflight and for finding ranges. */
	private static Function<JobConfig, MigrationRun> runs(SharedDomainLimits domains, ApiUsageLedger usage,
			MigratorProperties properties, Clock clock) {
		return config -> new MigrationRun(config, domains, usage, properties.workDir(), clock);
	}

}
