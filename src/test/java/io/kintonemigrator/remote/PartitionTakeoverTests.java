package io.kintonemigrator.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.ledger.JobLockedException;
import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.ledger.LeaseLostException;
import io.kintonemigrator.ledger.LedgerSchema;
import io.kintonemigrator.migration.AbandonedPartitions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A re-run manager's take-over of the partitions a killed manager left running, on a real
 * H2 file job repository: the "worker" is a second set of job locks in this JVM, whose
 * claim is kept fresh by its own heartbeat.
 */
class PartitionTakeoverTests {

	private static final Duration LEASE = Duration.ofMinutes(1);

	@TempDir
	Path tmp;

	private JdbcTemplate jdbc;

	private JobRepository jobRepository;

	private JobLocks managerLocks;

	private JobLocks workerLocks;

	@BeforeEach
	void repository() throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + tmp.resolve("jobs"));
		dataSource.setUser("sa");
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
			.execute(dataSource);
		LedgerSchema.apply(dataSource);
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.afterPropertiesSet();
		jobRepository = factory.getObject();
		jdbc = new JdbcTemplate(dataSource);
		managerLocks = new JobLocks(jdbc, LEASE);
		workerLocks = new JobLocks(jdbc, LEASE);
	}

	@Test
	void aLiveClaimIsWaitedForUntilItsWorkerReleasesIt() throws Exception {
		JobExecution abandoned = abandonedExecution();
		StepExecution partition = startedPartition(abandoned, "worker:partition0");
		JobLocks.Held claim = workerLocks.acquire(PartitionLeases.name(partition.getId()));

		CompletableFuture<AbandonedPartitions.TakenOver> recovery = takeOverInBackground(abandoned);
		Thread.sleep(500);
		assertThat(recovery).as("waits while the worker's claim is live").isNotDone();
		assertThat(managerLocks.holder(claim.job())).get().extracting(JobLocks.Holder::owner).isEqualTo(claim.owner());

		claim.close();
		try (AbandonedPartitions.TakenOver taken = recovery.get(30, TimeUnit.SECONDS)) {
			assertThatExceptionOfType(JobLockedException.class).as("held by the manager while it recovers")
				.isThrownBy(() -> workerLocks.acquire(claim.job()));
		}
		assertThat(managerLocks.holder(claim.job())).as("released once recovered").isEmpty();
	}

	@Test
	void aStaleClaimIsTakenOverAtOnceAndFencesItsWorker() throws Exception {
		JobExecution abandoned = abandonedExecution();
		StepExecution partition = startedPartition(abandoned, "worker:partition0");
		String name = PartitionLeases.name(partition.getId());
		JobLocks.Held stalled = workerLocks.acquire(name); // its heartbeat set back below
		jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = DATEADD('HOUR', -2, CURRENT_TIMESTAMP) WHERE JOB_NAME = ?",
				name);

		takeOverInBackground(abandoned).get(30, TimeUnit.SECONDS).close();

		assertThatExceptionOfType(LeaseLostException.class).as("the stalled worker may not write any more")
			.isThrownBy(() -> workerLocks.verifyHeld(name));
		stalled.close();
	}

	@Test
	void partitionsThatEndedAreLeftAlone() throws Exception {
		JobExecution abandoned = abandonedExecution();
		StepExecution partition = startedPartition(abandoned, "worker:partition0");
		partition.setStatus(BatchStatus.COMPLETED);
		jobRepository.update(partition);
		try (JobLocks.Held claim = workerLocks.acquire(PartitionLeases.name(partition.getId()))) {
			takeOverInBackground(abandoned).get(30, TimeUnit.SECONDS).close();
			workerLocks.verifyHeld(claim.job());
		}
	}

	@Test
	void aPartitionWaitingInTheQueueCannotBeClaimedUntilTheExecutionIsRecovered() throws Exception {
		JobExecution abandoned = abandonedExecution();
		StepExecution queued = jobRepository.createStepExecution("worker:partition1", abandoned);
		String name = PartitionLeases.name(queued.getId());

		try (AbandonedPartitions.TakenOver taken = takeOverInBackground(abandoned).get(30, TimeUnit.SECONDS)) {
			assertThatExceptionOfType(JobLockedException.class).as("no worker starts it meanwhile")
				.isThrownBy(() -> workerLocks.acquire(name));
		}
		workerLocks.acquire(name).close();
	}

	private CompletableFuture<AbandonedPartitions.TakenOver> takeOverInBackground(JobExecution abandoned) {
		PartitionTakeover takeover = new PartitionTakeover(jobRepository, managerLocks, Duration.ofMillis(50));
		return CompletableFuture.supplyAsync(() -> {
			try {
				return takeover.takeOver(abandoned);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

	private JobExecution abandonedExecution() {
		JobParameters parameters = new JobParametersBuilder().addString("name", "pairs").toJobParameters();
		JobInstance instance = jobRepository.createJobInstance("pairsMigration", parameters);
		JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		jobRepository.update(execution);
		startedPartition(execution, "manager");
		return execution;
	}

	private StepExecution startedPartition(JobExecution execution, String name) {
		StepExecution step = jobRepository.createStepExecution(name, execution);
		step.setStatus(BatchStatus.STARTED);
		jobRepository.update(step);
		return step;
	}

}
