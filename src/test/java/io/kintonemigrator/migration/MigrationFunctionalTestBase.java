package io.kintonemigrator.migration;

import java.nio.file.Path;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.launch.MigrationLauncher;

import io.kintonemigrator.ledger.MigrationLedger;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot context with the real client (OkHttp under the resilience layer, backoff
 * shortened) and a job repository plus ledger in an H2 file under a temp directory; the
 * emulator runs per test.
 */
@SpringBootTest(properties = { "spring.batch.job.enabled=false", "kam.chunk-size=4",
		"kam.resilience.initial-backoff=1ms", "kam.resilience.max-backoff=5ms", "kam.resilience.max-attempts=2",
		"kam.reports-dir=target/test-reports" })
@SpringBatchTest
abstract class MigrationFunctionalTestBase {

	@TempDir
	static Path database;

	@TempDir
	Path tmp;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	/** The job of one pair (the context also holds the job of several). */
	@Autowired
	@Qualifier(AttachmentMigrationJobConfiguration.JOB_NAME)
	Job attachmentMigration;

	@Autowired
	MigrationLedger ledger;

	@Autowired
	MigratorProperties properties;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + database.resolve("batch"));
		registry.add("kam.work-dir", () -> database.resolve("work").toString());
	}

	/**
	 * Runs (or resumes) the job of a job file. Returns a wrapper, not the execution
	 * itself: {@code @SpringBatchTest}'s scope listeners take any test method returning a
	 * {@code JobExecution} for a factory of their own.
	 */
	Ran run(Path jobFile) throws Exception {
		JobConfig config = new JobConfigLoader().load(jobFile);
		jobOperatorTestUtils.setJob(attachmentMigration);
		return new Ran(jobOperatorTestUtils.startJob(MigrationLauncher.parameters(config, jobFile)));
	}

	record Ran(JobExecution execution) {
	}

}
