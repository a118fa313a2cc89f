package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import io.kintonemigrator.testsupport.SlowRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real {@code migrate} process in the middle of its run: it stops at the
 * next chunk boundary, prints its summary, writes its reports and exits 3; the next run
 * resumes and finishes with every attachment on its target exactly once.
 */
class GracefulStopFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void sigtermStopsAtAChunkBoundaryWithExitThreeAndTheNextRunFinishesTheJob() throws Exception {
		// 40 ms per request stretches the first run over a few seconds, so the signal
		// lands inside it
		AtomicBoolean slow = new AtomicBoolean(true);
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.requestFilter(SlowRequests.delayWhile(Duration.ofMillis(40), slow::get))
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "sigterm", "replace", 2);

			try (ChildJvm migrate = ChildJvm.migrate(tmp, jobFile).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"));
				awaitFirstUpdate(emulator, child);
				child.terminate(); // SIGTERM
				assertThat(child.awaitExit(Duration.ofSeconds(60))).as("stopped in time").isTrue();
				String output = child.output();

				assertThat(child.exitValue()).as(output).isEqualTo(ExitCodes.STOPPED);
				assertThat(output).contains("Stopping execution")
					.contains("| status             | STOPPED")
					.contains("stopped; run the same command again to resume");
				assertThat(tmp.resolve("reports/sigterm/1/attachments.csv")).exists();
				long updatesAtStop = emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API);
				assertThat(updatesAtStop).as("stopped before the end").isLessThan((RECORDS + 1) / 2);

				slow.set(false);
				Child again = migrate.start(tmp.resolve("child.out"));
				assertThat(again.awaitExit(Duration.ofSeconds(120))).isTrue();
				String resumed = again.output();
				assertThat(again.exitValue()).as(resumed).isEqualTo(ExitCodes.COMPLETED);
				assertThat(resumed).contains("Resuming job 'sigterm'");
				MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
			}
		}
	}

	private static void awaitFirstUpdate(KintoneEmulator emulator, Child child) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API) == 0) {
			assertThat(child.isAlive()).as("the child runs").isTrue();
			assertThat(System.nanoTime()).as("a first update within 60 s").isLessThan(deadline);
			Thread.sleep(10); // polling a condition, not waiting for time to pass
		}
	}

}
