package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.ApiUsageLedger;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.MigrationLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.JobScope;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The attachment migration job: {@code preflight} → {@code migrate} (chunk) →
 * {@code report}.
 *
 * <p>
 * Job parameters: {@code job.name} and {@code job.fingerprint} identify the instance (the
 * same job file resumes the same instance); {@code job.file}, not identifying, is the job
 * file, read again by every execution so secrets are never persisted. The chunk size is
 * the property {@code kam.chunk-size} (the {@code migrate} command sets it from
 * {@code limits.chunkSize}).
 */
@Configuration(proxyBeanMethods = false)
public class AttachmentMigrationJobConfiguration {

	public static final String JOB_NAME = "attachmentMigration";

	public static final String PARAM_NAME = "job.name";

	public static final String PARAM_FINGERPRINT = "job.fingerprint";

	public static final String PARAM_FILE = "job.file";

	/**
	 * Incremental runs only (identifying): source records updated at or after this
	 * instant (ISO-8601) are read, and their attachments migrated before are migrated
	 * again.
	 */
	public static final String PARAM_SINCE = "incremental.since";

	/**
	 * Incremental runs only (identifying): when the run started; makes every incremental
	 * run its own instance.
	 */
	public static final String PARAM_STARTED = "incremental.started";

	/**
	 * Retry runs only ({@code migrate --retry-skipped}, identifying): when the run
	 * started; makes every retry run its own instance. Such a run reads only the source
	 * records the ledger holds skipped (or undecided) attachments of, and opens them
	 * again.
	 */
	public static final String PARAM_RETRY_SKIPPED = "retry.started";

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	JobConfigLoader jobConfigLoader() {
		return new JobConfigLoader();
	}

	@Bean
	RunProgress runProgress() {
		return new RunProgress();
	}

	@Bean
	StopRequest stopRequest() {
		return new StopRequest();
	}

	@Bean
	@JobScope
	MigrationRun migrationRun(@Value("#{jobParameters['" + PARAM_FILE + "']}") String jobFile, JobConfigLoader loader,
			ClientFactoryProvider clients, ApiUsageLedger usage, MigratorProperties properties, Clock clock) {
		return new MigrationRun(loader.load(Path.of(jobFile)), clients, usage, properties.workDir(), clock);
	}

	@Bean
	@StepScope
	PreflightBudgetListener preflightBudgetListener(MigrationRun migrationRun) {
		return new PreflightBudgetListener(migrationRun);
	}

	/**
	 * The next chunk's requests: the run control stops before one that may not fit, the
	 * writer prefetches one that does.
	 */
	@Bean
	@StepScope
	BudgetEstimate budgetEstimate(MigrationRun migrationRun, MigratorProperties properties) {
		return new BudgetEstimate(properties.chunkSize(), migrationRun.config().limits().dailyRequestBudget());
	}

	@Bean
	@StepScope
	RunControlListener runControlListener(MigrationRun migrationRun, RunProgress progress, Clock clock,
			BudgetEstimate budgetEstimate, StopRequest stopRequest, SourceSelection sourceSelection) {
		return new RunControlListener(migrationRun, progress, clock, budgetEstimate, stopRequest, sourceSelection);
	}

	@Bean
	@StepScope
	PreflightTasklet preflightTasklet(MigrationRun migrationRun) {
		return new PreflightTasklet(migrationRun);
	}

	/**
	 * The records this execution reads: the reader pages them, the progress counts them.
	 */
	@Bean
	@StepScope
	SourceSelection sourceSelection(MigrationRun migrationRun, MigrationLedger ledger,
			@Value("#{jobParameters['" + PARAM_SINCE + "']}") @Nullable String since,
			@Value("#{jobParameters['" + PARAM_RETRY_SKIPPED + "']}") @Nullable String retrySkipped) {
		String query = since == null ? migrationRun.config().query() : UpdatedSince.query(migrationRun.config().query(),
				migrationRun.source().formFields(), Instant.parse(since));
		return new SourceSelection(query, retrySkipped == null ? null
				: ledger.recordsToRetry(migrationRun.config().name(), migrationRun.config().source().app().value()));
	}

	@Bean
	@StepScope
	SourceRecordReader sourceRecordReader(MigrationRun migrationRun, SourceSelection sourceSelection) {
		return new SourceRecordReader(migrationRun.source(), TargetLookup.sourceFields(migrationRun.config()),
				sourceSelection);
	}

	@Bean
	@StepScope
	AttachmentExtractor attachmentExtractor(MigrationRun migrationRun, MigrationLedger ledger) {
		return extractor(migrationRun, ledger);
	}

	/** The processor of a run: the job of one pair's and a partition's. */
	static AttachmentExtractor extractor(MigrationRun run, MigrationLedger ledger) {
		JobConfig config = run.config();
		// replace empties the target cells of records without files; otherwise only the
		// job's own
		// copies (the ledger's rows) may have to come off
		return new AttachmentExtractor(config, record -> config.onExisting() == JobConfig.OnExisting.REPLACE
				|| !ledger.entries(config.name(), config.source().app().value(), List.of(record)).isEmpty());
	}

	@Bean
	@StepScope
	TargetRecordWriter targetRecordWriter(MigrationRun migrationRun, MigrationLedger ledger, Clock clock,
			@Value("#{jobParameters['" + PARAM_SINCE + "']}") @Nullable String since,
			@Value("#{jobParameters['" + PARAM_RETRY_SKIPPED + "']}") @Nullable String retrySkipped,
			SourceRecordReader sourceRecordReader, AttachmentExtractor attachmentExtractor,
			BudgetEstimate budgetEstimate, MigratorProperties properties, ObjectProvider<LeaseFence> fence,
			ObjectProvider<BulkUpdateListener> updateListener) {
		// incremental and retry runs open again what earlier runs did (a retry: its
		// skips)
		return writer(migrationRun, ledger, clock, since != null || retrySkipped != null, sourceRecordReader,
				attachmentExtractor, budgetEstimate, properties.chunkSize(),
				fence.getIfAvailable(() -> LeaseFence.NONE), updateListener);
	}

	/**
	 * The writer of a run: the job of one pair's and a partition's; {@code chunkSize} is
	 * that of its step (the next chunk is prefetched).
	 */
	static TargetRecordWriter writer(MigrationRun run, MigrationLedger ledger, Clock clock, boolean incremental,
			SourceRecordReader reader, AttachmentExtractor extractor, BudgetEstimate budgetEstimate, int chunkSize,
			LeaseFence fence, ObjectProvider<BulkUpdateListener> updateListener) {
		ChunkLookahead nextChunk = () -> reader.peek(chunkSize)
			.stream()
			.map(extractor::process)
			.filter(Objects::nonNull)
			.toList();
		return new TargetRecordWriter(run, ledger, clock, incremental, nextChunk, budgetEstimate, fence,
				updateListener.getIfAvailable(() -> BulkUpdateListener.NONE));
	}

	@Bean
	@StepScope
	ReportTasklet reportTasklet(@Value("#{jobParameters['" + PARAM_NAME + "']}") String jobName,
			MigrationLedger ledger) {
		return new ReportTasklet(jobName, ledger);
	}

	@Bean
	Step preflight(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PreflightTasklet preflightTasklet, PreflightBudgetListener preflightBudgetListener) {
		return new StepBuilder("preflight", jobRepository).tasklet(preflightTasklet, transactionManager)
			.listener(preflightBudgetListener)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step migrate(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceRecordReader sourceRecordReader, AttachmentExtractor attachmentExtractor,
			TargetRecordWriter targetRecordWriter, RunControlListener runControlListener,
			MigratorProperties properties) {
		return new StepBuilder("migrate", jobRepository).<KintoneRecord, SourceItem>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(sourceRecordReader)
			.processor(attachmentExtractor)
			.writer(targetRecordWriter)
			.listener((StepExecutionListener) runControlListener)
			.listener((ChunkListener<KintoneRecord, SourceItem>) runControlListener)
			.build();
	}

	@Bean
	Step report(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReportTasklet reportTasklet) {
		return new StepBuilder("report", jobRepository).tasklet(reportTasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Job attachmentMigration(JobRepository jobRepository, Step preflight, Step migrate, Step report) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(new LastErrorListener(jobRepository))
			.listener(new BudgetStopListener())
			.start(preflight)
			.next(migrate)
			.next(report)
			.build();
	}

}
