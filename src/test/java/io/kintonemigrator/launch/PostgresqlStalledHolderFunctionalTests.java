package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that stalls while holding its job's lock (here: SIGSTOP on a real child JVM, as a
 * frozen VM or a long pause would) loses the lock to another run once its lease expires.
 * When it wakes up it must not write: its fence check before the first update fails, it
 * exits 1 naming the new holder, and the new holder completes the job with every file
 * attached exactly once. On PostgreSQL, where two processes share the lock row as two
 * machines would.
 */
@PostgresqlTest
class PostgresqlStalledHolderFunctionalTests {

	private static final String LEASE = "3s";

	@TempDir
	Path tmp;

	@Test
	void aHolderThatStalledPastItsLeaseWritesNothingAfterAnotherRunTookTheJobOver() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "stalled", "append", 10);
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(TestDatabase.postgresqlSchema(), tmp.resolve("work")));
			Path releaseA = tmp.resolve("release-a");
			Path releaseB = tmp.resolve("release-b");
			Path logA = tmp.resolve("a.log");
			Path logB = tmp.resolve("b.log");

			// given run A holding the job, then frozen for longer than its lease
			Process a = children.with("-Dkam.lock.lease=" + LEASE, "-Dkam.test.holdLockUntil=" + releaseA)
				.start(logA, "migrate", "--job", job.toString())
				.process();
			try {
				awaitLine(a, logA, "holding the job lock");
				signal(a, "STOP");

				// when run B takes the job over once A's heartbeat is older than the
				// lease
				Process b = takeOver(children, job, logB, releaseB);
				try {
					awaitLine(b, logB, "holding the job lock");

					// and A wakes up and goes on
					signal(a, "CONT");
					Files.createFile(releaseA);
					assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();

					// then A fails before its first update, naming B
					String outA = Files.readString(logA);
					assertThat(a.exitValue()).as(outA).isEqualTo(ExitCodes.FAILED);
					assertThat(outA).contains("lost the lock of job 'stalled'").contains("process " + b.pid());
					assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
						.as("A wrote nothing")
						.isZero();

					// and B completes the job: every file exactly once
					Files.createFile(releaseB);
					assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
					String outB = Files.readString(logB);
					assertThat(b.exitValue()).as(outB).isZero();
					assertThat(outB).contains("Job 'stalled' completed.");
				}
				finally {
					b.destroyForcibly();
				}
			}
			finally {
				signal(a, "CONT");
				a.destroyForcibly();
			}
			var targets = MigrationApps.targets(emulator);
			for (long i = 1; i <= 6; i++) {
				List<String> documents = MigrationApps.documents(targets.get(i));
				for (String file : MigrationApps.sourceDocuments(emulator, i)) {
					assertThat(Collections.frequency(documents, file)).as("record %d: %s", i, file).isEqualTo(1);
				}
			}
		}
	}

	/**
	 * Starts B until it gets the lock (A's heartbeat expires one lease after A froze).
	 */
	private static Process takeOver(ChildJvm children, Path job, Path log, Path release) throws Exception {
		for (int attempt = 1;; attempt++) {
			Thread.sleep(1_000);
			Process b = children.with("-Dkam.lock.lease=" + LEASE, "-Dkam.test.holdLockUntil=" + release)
				.start(log, "migrate", "--job", job.toString())
				.process();
			while (b.isAlive() && !Files.readString(log).contains("holding the job lock")) {
				Thread.sleep(50);
			}
			if (b.isAlive()) {
				return b;
			}
			assertThat(Files.readString(log)).as("refused while A's lease runs").contains("is already running");
			assertThat(attempt).as("B never got the lock").isLessThan(60);
		}
	}

	private static void awaitLine(Process process, Path log, String line) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.readString(log).contains(line)) {
			assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
			assertThat(System.nanoTime()).as("waiting for '%s'", line).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void signal(Process process, String signal) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
	}

}
