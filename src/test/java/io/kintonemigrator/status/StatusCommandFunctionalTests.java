package io.kintonemigrator.status;

import java.nio.file.Files;

import java.util.concurrent.TimeUnit;

import io.kintonemigrator.testsupport.TestDatabase;

import io.kintonemigrator.testsupport.ChildJvm;

import io.kintonemigrator.launch.JobOverlapFunctionalTests;

import io.kintonemigrator.testsupport.CommandRun;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.launch.MigrationLauncher;
import io.kintonemigrator.launch.UpdateBreaker;
import io.kintonemigrator.testsupport.CommandTestFixture;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.ExecutionKeys;
import io.kintonemigrator.testsupport.MigrationApps;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} before any run, after a failed run and its resume, and after a crash
 * left an execution STARTED: the executions, their counts and errors, and what
 * {@code migrate} then does (which the test also runs, to see it do exactly that).
 */
class StatusCommandFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void beforeAnyRunItSaysSoAndCreatesNoDatabase() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "status-new", "append", 4);

			CommandRun status = status("--job", job.toString());

			assertThat(status.exitCode()).as(status.all()).isZero();
			assertThat(status.out()).isEqualTo("No executions: the job database " + tmp.resolve("db/batch.mv.db")
					+ " does not exist yet (migrate creates it).\nJob 'status-new': next migrate: start the job.\n");
			assertThat(tmp.resolve("db")).doesNotExist();
		}
	}

	@Test
	void afterAFailedRunItShowsTheErrorAndTheCheckpointThenTheCompletedResume() throws Exception {
		UpdateBreaker breaker = new UpdateBreaker(1); // the first chunk (records 1-4)
														// commits, the second fails
		try (KintoneEmulator emulator = start(breaker)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "status-failed", "append", 4);
			assertThat(migrate(job).exitCode()).isEqualTo(ExitCodes.FAILED);

			CommandRun failed = status("--job", job.toString());

			assertThat(failed.exitCode()).as(failed.all()).isZero();
			assertThat(failed.out()).containsPattern("execution \\d+  FAILED  started \\S+ \\S+  ended \\S+ \\S+")
				.contains("    records read 8, updated 4, skipped 0, without attachments 0; files moved ")
				.containsPattern("    last error: .*503")
				.contains("  next migrate: resume from the checkpoint after source record $id 4");

			breaker.heal();
			CommandRun resumed = migrate(job);
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			CommandRun completed = status();

			assertThat(completed.out()).contains("Job 'status-failed' (instance ")
				.containsPattern("execution \\d+  FAILED ")
				.containsPattern("execution \\d+  COMPLETED ")
				// the resume reads the records after the checkpoint: 5 to 13, of which 13
				// has no attachment
				.contains("    records read 9, updated 8, skipped 0, without attachments 1; files moved ")
				.contains("  next migrate: nothing: the job completed");
			// the resume starts from the failed execution's context; its error is not the
			// resume's
			assertThat(completed.out().substring(completed.out().indexOf("COMPLETED"))).doesNotContain("last error");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void afterACrashLeftAnExecutionStartedItSaysMigrateRecoversItAndResumesFromItsCheckpoint(CapturedOutput console)
			throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "status-crashed", "append", 4);
			JobConfig config = new JobConfigLoader().load(job);
			long crashed = leaveStartedAsACrashWould(config, job, 8);

			CommandRun status = status("--job", job.toString());

			assertThat(status.exitCode()).as(status.all()).isZero();
			assertThat(status.out()).containsPattern("execution " + crashed + "  STARTED  started \\S+ \\S+  ended -")
				.contains("  next migrate: recover execution " + crashed
						+ " (left STARTED by a process that stopped abruptly), then resume from the checkpoint after"
						+ " source record $id 8");

			CommandRun migrated = migrate(job);
			assertThat(migrated.exitCode()).as(migrated.all()).isZero();
			// what the run does is a log line on stderr; stdout is the result
			assertThat(console.getErr()).contains("Execution " + crashed + " of job 'status-crashed' was left STARTED");
			assertThat(migrated.out()).doesNotContain("was left STARTED").contains("Job 'status-crashed' completed.");
			CommandRun after = status("--job", job.toString());
			assertThat(after.out()).containsPattern("execution \\d+  COMPLETED ")
				.contains("    records read 5, updated 4, skipped 0, without attachments 1;")
				.contains("  next migrate: nothing: the job completed");
		}
	}

	@Test
	void withoutAJobFileItListsEveryJob() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path first = MigrationApps.jobFile(tmp, emulator, "status-first", "append", 4);
			assertThat(migrate(first).exitCode()).isZero();
			Path second = MigrationApps.jobFile(tmp, emulator, "status-second", "append", 7);
			assertThat(migrate(second).exitCode()).isZero();

			CommandRun all = status();
			CommandRun one = status("--job", second.toString());

			assertThat(all.out()).contains("Job 'status-first'").contains("Job 'status-second'");
			assertThat(one.out()).doesNotContain("Job 'status-first'").contains("Job 'status-second'");
		}
	}

	/**
	 * What a process killed in the middle of step migrate leaves: execution and step
	 * STARTED, a checkpoint.
	 */
	private long leaveStartedAsACrashWould(JobConfig config, Path job, long checkpoint) {
		try (ConfigurableApplicationContext context = MigratorContext.start(Map.of("spring.datasource.url", database()),
				new JobConfigLoader())) {
			JobRepository repository = context.getBean(JobRepository.class);
			var parameters = MigrationLauncher.parameters(config, job);
			JobInstance instance = repository.createJobInstance(AttachmentMigrationJobConfiguration.JOB_NAME,
					parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			execution.setStatus(BatchStatus.STARTED);
			execution.setStartTime(LocalDateTime.now());
			repository.update(execution);
			StepExecution preflight = repository.createStepExecution("preflight", execution);
			preflight.setStatus(BatchStatus.COMPLETED);
			preflight.setStartTime(LocalDateTime.now());
			preflight.setEndTime(LocalDateTime.now());
			repository.update(preflight);
			StepExecution migrate = repository.createStepExecution("migrate", execution);
			migrate.setStatus(BatchStatus.STARTED);
			migrate.setStartTime(LocalDateTime.now());
			migrate.getExecutionContext().putLong(ExecutionKeys.LAST_SOURCE_ID, checkpoint);
			repository.update(migrate);
			repository.updateExecutionContext(migrate);
			return execution.getId();
		}
	}

	@Test
	void whileMigrateHoldsTheH2FileItSaysSoInOneLineAndReadsOnceItEnds() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "status-busy", "append", 4);
			Path release = tmp.resolve("release");
			Process running = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(TestDatabase.h2(tmp.resolve("db/batch")), tmp.resolve("work")))
				.with("-Dkam.test.holdLockUntil=" + release)
				.start(tmp.resolve("migrate.log"), "migrate", "--job", job.toString())
				.process();
			CommandRun busy;
			try {
				JobOverlapFunctionalTests.awaitLog(tmp.resolve("migrate.log"), "holding the job lock", running);

				busy = status();
			}
			finally {
				Files.createFile(release);
				running.waitFor(120, TimeUnit.SECONDS);
			}
			// a job file without its tokens: status reads only the job database
			Path tokenless = Files.writeString(tmp.resolve("tokenless.yml"),
					Files.readString(job).replaceAll("apiToken: [^,}\\s]+", "apiToken: \"\\${KAM_UNSET_TOKEN}\""));
			CommandRun after = status("--job", tokenless.toString());

			assertThat(busy.exitCode()).as(busy.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(busy.err().lines().toList()).singleElement()
				.asString()
				.contains("is in use by process " + running.pid() + " on host ");
			assertThat(busy.out()).isEmpty();
			assertThat(running.exitValue()).isZero();
			assertThat(after.exitCode()).as(after.all()).isZero();
			assertThat(after.out()).containsPattern("execution \\d+  COMPLETED")
				.contains("Job 'status-busy' (instance 1, fingerprint ")
				.contains("next migrate: nothing: the job completed");
		}
	}

	private KintoneEmulator start(@Nullable Filter filter) {
		return fixture().emulator(filter);
	}

	private CommandTestFixture fixture() {
		return new CommandTestFixture(tmp, RECORDS);
	}

	private String database() {
		return fixture().database();
	}

	private CommandRun status(String... options) {
		String[] args = new String[options.length + 3];
		args[0] = "status";
		System.arraycopy(options, 0, args, 1, options.length);
		args[options.length + 1] = "--database";
		args[options.length + 2] = database();
		return cli(args);
	}

	private CommandRun migrate(Path job) throws Exception {
		return fixture().migrate(job);
	}

}
