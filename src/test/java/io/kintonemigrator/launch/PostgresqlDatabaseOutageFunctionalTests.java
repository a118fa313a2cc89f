package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job database blinks or goes away while {@code migrate} runs in a child JVM, on the
 * test's private PostgreSQL cluster ({@code .ci/postgresql}, named by
 * {@code kam.test.postgresql.cluster}): after a fast restart mid-run the same command
 * completes the job without manual steps and every file is attached exactly once; with
 * the server stopped for good the run ends with exit code 1 and one line once
 * {@code kam.database.outage-timeout} has passed, and a SIGTERM during the outage ends it
 * too; once the server is back, the same command completes the job.
 */
@PostgresqlTest
class PostgresqlDatabaseOutageFunctionalTests {

	private static final int RECORDS = 30;

	@TempDir
	Path tmp;

	private boolean halted;

	@AfterEach
	void serverBackUp() throws Exception {
		if (halted) {
			cluster("resume");
		}
	}

	@Test
	void afterAFastRestartMidRunTheSameCommandCompletesTheJobWithEveryFileOnce() throws Exception {
		try (KintoneEmulator emulator = emulator()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "blink", "append", 2);
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(TestDatabase.postgresqlSchema(), tmp.resolve("work")));

			// given a run that has written a few chunks
			Process first = children.start(tmp.resolve("first.log"), "migrate", "--job", job.toString()).process();
			try {
				awaitUpdates(emulator, first, 3);

				// when the server restarts fast (connections cut, back within a second)
				cluster("restart");
				assertThat(first.waitFor(300, TimeUnit.SECONDS)).as("the first run ends").isTrue();
			}
			finally {
				first.destroyForcibly();
			}
			String firstLog = Files.readString(tmp.resolve("first.log"));
			assertThat(first.exitValue()).as(firstLog).isEqualTo(ExitCodes.FAILED);
			boolean leftUnknown = firstLog.contains("Job 'blink' UNKNOWN");

			// then the same command completes the job, with every file exactly once
			ChildJvm.Result again = children.run(tmp.resolve("again.log"), "migrate", "--job", job.toString());
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertThat(again.output()).contains("Job 'blink' completed.");
			if (leftUnknown) { // as a restart during a chunk's commit leaves it (Spring
								// Batch: "JDBC rollback failed")
				assertThat(again.output()).contains("was left UNKNOWN").contains("Marking it FAILED");
			}
			assertEveryFileOnce(emulator);
		}
	}

	@Test
	void withTheDatabaseGoneForGoodTheRunEndsWithExitCode1AfterTheOutageTimeout() throws Exception {
		try (KintoneEmulator emulator = emulator()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "gone", "append", 2);
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(TestDatabase.postgresqlSchema(), tmp.resolve("work")));
			Process run = children.with("-Dkam.database.outage-timeout=10s")
				.start(tmp.resolve("run.log"), "migrate", "--job", job.toString())
				.process();
			long ended;
			long stopped;
			try {
				awaitUpdates(emulator, run, 2);
				cluster("halt");
				stopped = System.nanoTime();
				assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends while the database is down").isTrue();
				ended = System.nanoTime();
			}
			finally {
				run.destroyForcibly();
			}
			String log = Files.readString(tmp.resolve("run.log"));
			assertThat(run.exitValue()).as(log).isEqualTo(ExitCodes.FAILED);
			assertThat(log).containsOnlyOnce("The job database has been unreachable for")
				.contains("kam.database.outage-timeout 10 s")
				.contains("Run the same command again once the database is back");
			System.out
				.println("ended " + Duration.ofNanos(ended - stopped).toMillis() + " ms after the server stopped");

			cluster("resume");
			ChildJvm.Result again = children.run(tmp.resolve("again.log"), "migrate", "--job", job.toString());
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertEveryFileOnce(emulator);
		}
	}

	@Test
	void aSigtermDuringTheOutageEndsTheRun() throws Exception {
		try (KintoneEmulator emulator = emulator()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "term", "append", 2);
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(TestDatabase.postgresqlSchema(), tmp.resolve("work")));
			// an outage timeout far beyond the test: only the signal can end the run
			Process run = children.with("-Dkam.database.outage-timeout=1h")
				.start(tmp.resolve("run.log"), "migrate", "--job", job.toString())
				.process();
			long signalled;
			long ended;
			try {
				awaitUpdates(emulator, run, 2);
				cluster("halt");
				Thread.sleep(6_000); // the outage is going on
				run.destroy(); // SIGTERM
				signalled = System.nanoTime();
				assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the run ends after SIGTERM").isTrue();
				ended = System.nanoTime();
			}
			finally {
				run.destroyForcibly();
			}
			String log = Files.readString(tmp.resolve("run.log"));
			assertThat(run.exitValue()).as(log).isEqualTo(ExitCodes.FAILED);
			assertThat(log).containsOnlyOnce("The job database is unreachable")
				.contains("so this stop cannot be recorded; ending now");
			System.out.println("ended " + Duration.ofNanos(ended - signalled).toMillis() + " ms after SIGTERM, exit "
					+ run.exitValue());

			cluster("resume");
			ChildJvm.Result again = children.run(tmp.resolve("again.log"), "migrate", "--job", job.toString());
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertEveryFileOnce(emulator);
		}
	}

	private KintoneEmulator emulator() throws Exception {
		return MigrationApps.emulator(tmp, RECORDS, Set.of())
			.faults(FaultSettings.builder().latency(Duration.ofMillis(100)).apis(Set.of("file")).build())
			.start();
	}

	private static void awaitUpdates(KintoneEmulator emulator, Process child, long updates) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API) < updates) {
			assertThat(child.isAlive()).as("the run ended before %d updates", updates).isTrue();
			assertThat(System.nanoTime()).as("waiting for %d updates", updates).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static void assertEveryFileOnce(KintoneEmulator emulator) {
		Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
		for (long i = 1; i <= RECORDS; i++) {
			List<String> documents = MigrationApps.documents(targets.get(i));
			for (String file : MigrationApps.sourceDocuments(emulator, i)) {
				assertThat(Collections.frequency(documents, file)).as("record %d: %s", i, file).isEqualTo(1);
			}
			List<String> drawings = MigrationApps.hashes(MigrationApps.line(targets.get(i), "A-1").files("drawing"));
			for (String drawing : MigrationApps.sourceDrawings(emulator, i)) {
				assertThat(Collections.frequency(drawings, drawing)).as("record %d: %s", i, drawing).isEqualTo(1);
			}
		}
	}

	/** Runs {@code .ci/postgresql ACTION} on the test's private cluster. */
	private void cluster(String action) throws Exception {
		String dir = System.getProperty("kam.test.postgresql.cluster");
		assertThat(dir).as("-Dkam.test.postgresql.cluster: run with the cluster .ci/postgresql starts (see .ci/run)")
			.isNotBlank();
		Process control = new ProcessBuilder(".ci/postgresql", action, dir).redirectErrorStream(true)
			.redirectOutput(tmp.resolve("cluster-" + action + ".log").toFile())
			.start();
		assertThat(control.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(control.exitValue()).as(Files.readString(tmp.resolve("cluster-" + action + ".log"))).isZero();
		halted = "halt".equals(action) || (halted && !"resume".equals(action));
	}

}
