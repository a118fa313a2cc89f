package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real child JVMs run {@code migrate} on the same job at once. A test hook keeps the
 * one that got the job (H2: the database file; PostgreSQL: the lock row) waiting until
 * the test releases it, so the overlap is certain: exactly one runs, the other exits 2
 * with one line naming the holder.
 */
public class JobOverlapFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void twoRunsStartedAtOnceOnTheSameJobRunOnceAndRefuseOnce() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 5, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "overlap", "append", 10);
			Path release = tmp.resolve("release");
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(database(), tmp.resolve("work")));
			ChildJvm holding = children.with("-Dkam.test.holdLockUntil=" + release);

			// when two processes start at once
			Process a = holding.start(tmp.resolve("a.log"), "migrate", "--job", job.toString()).process();
			Process b = holding.start(tmp.resolve("b.log"), "migrate", "--job", job.toString()).process();

			// then one is refused while the other holds the job
			Process refused = firstToExit(a, b);
			Process holder = refused == a ? b : a;
			String refusedLog = Files.readString(tmp.resolve(refused == a ? "a.log" : "b.log"));
			assertThat(refused.exitValue()).as(refusedLog).isEqualTo(ExitCodes.USAGE);
			assertThat(refusedLog).containsPattern(refusedMessage());
			assertThat(holder.isAlive()).isTrue();
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.as("nothing written yet")
				.isZero();

			// and the holder completes once released
			Files.createFile(release);
			assertThat(holder.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String holderLog = Files.readString(tmp.resolve(holder == a ? "a.log" : "b.log"));
			assertThat(holder.exitValue()).as(holderLog).isZero();
			assertThat(holderLog).contains("holding the job lock").contains("Job 'overlap' completed.");
		}
	}

	@Test
	void theRefusedRunNamesTheProcessThatHoldsTheJob() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 3, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "overlap-named", "append", 10);
			Path release = tmp.resolve("release");
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(database(), tmp.resolve("work")));
			Process first = children.with("-Dkam.test.holdLockUntil=" + release)
				.start(tmp.resolve("first.log"), "migrate", "--job", job.toString())
				.process();
			try {
				awaitLog(tmp.resolve("first.log"), "holding the job lock", first);

				ChildJvm.Result second = children.run(tmp.resolve("second.log"), "migrate", "--job", job.toString());

				assertThat(second.exitCode()).as(second.output()).isEqualTo(ExitCodes.USAGE);
				assertThat(second.output()).contains(holderNamed(first.pid()))
					.containsPattern("since \\d{4}-\\d\\d-\\d\\dT");
			}
			finally {
				Files.createFile(release);
				first.waitFor(120, TimeUnit.SECONDS);
			}
			assertThat(first.exitValue()).isZero();
		}
	}

	/** The database both children use; subclasses use another. */
	TestDatabase database() {
		return TestDatabase.h2(tmp.resolve("db/batch"));
	}

	/** What the refused child prints (H2 refuses the file, PostgreSQL the lock row). */
	String refusedMessage() {
		return "The job database .* is in use by ";
	}

	/** How the refused child names the holder. */
	String holderNamed(long pid) {
		return "in use by process " + pid + " on host ";
	}

	static Process firstToExit(Process a, Process b) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (a.waitFor(50, TimeUnit.MILLISECONDS)) {
				return a;
			}
			if (b.waitFor(50, TimeUnit.MILLISECONDS)) {
				return b;
			}
		}
		a.destroyForcibly();
		b.destroyForcibly();
		throw new AssertionError("neither child exited within 2 minutes");
	}

	public static void awaitLog(Path log, String text, Process process) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (Files.exists(log) && Files.readString(log).contains(text)) {
				return;
			}
			if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
				throw new AssertionError(
						"the child exited " + process.exitValue() + " before '" + text + "': " + Files.readString(log));
			}
		}
		throw new AssertionError("no '" + text + "' within 2 minutes");
	}

}
