package io.kintonemigrator.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outage: a third into the migration kintone goes away (its port refuses connections,
 * open ones are reset) for longer than the retry budget (4 attempts, backoff 5–100 ms).
 * {@code migrate} must fail cleanly: exit 1 and a message saying what failed and to run
 * it again. Once kintone is back, the same command completes, every attachment on its
 * target exactly once.
 */
@Tag("reliability")
class OutageFunctionalTests {

	static final int RECORDS = 120;

	@TempDir
	Path tmp;

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void anOutageLongerThanTheRetryBudgetFailsTheRunCleanlyAndTheNextRunCompletes() throws Exception {
		long seed = Long.getLong("kam.chaos.seed", System.nanoTime() % 1_000_000);
		System.out.println("outage: seed " + seed + " (repeat with -Dkam.chaos.seed=" + seed + ")");
		ReliabilityDataSet data = new ReliabilityDataSet(RECORDS, seed);
		MigrationProbe probe = new MigrationProbe(Duration.ZERO);
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.dataDirectory(tmp.resolve("emulator"))
			.seed(data.seed())
			.requestFilter(probe)
			.start(); TcpGate kintone = new TcpGate(emulator.port())) {
			Path jobFile = ReliabilityDataSet.jobFile(tmp, "outage", "http://localhost:" + kintone.port(), 10);
			try (ChildJvm migrate = ReliabilityDataSet.migrate(tmp, jobFile)
				.jvmOptions("-Dkam.resilience.max-attempts=4")) {

				Child first = migrate.start();
				assertThat(probe.awaitUploads(data.attachments() / 3, first.process())).as("migrating").isTrue();
				kintone.shut();
				assertThat(first.process().waitFor(120, TimeUnit.SECONDS)).as("gave up within its retry budget")
					.isTrue();
				String failed = first.output();
				System.out.println("outage: the run during the outage ended with exit code "
						+ first.process().exitValue() + " after " + probe.uploads() + " uploads: "
						+ failed.lines()
							.filter(line -> line.contains("FAILED"))
							.findFirst()
							.orElse("(no FAILED line)"));
				assertThat(first.process().exitValue()).as(failed).isEqualTo(1);
				// names kintone's host and port: as the circuit's name, or as OkHttp
				// names a refused connection
				assertThat(failed)
					.containsPattern("Job 'outage' FAILED: .*localhost(/127\\.0\\.0\\.1)?:" + kintone.port())
					.doesNotContain("FAILED: Unable to process chunk")
					.contains("Run the same command again to resume from the last checkpoint.");

				kintone.open();
				ChildJvm.Result second = migrate.run(Duration.ofSeconds(180));

				assertThat(second.exitCode()).as(second.output()).isZero();
				assertThat(second.output()).contains("Resuming job 'outage'")
					.contains("all executions: " + data.attachments() + " attachment(s) attached (")
					.contains(", 0 skipped in 0 source record(s).");
				ReliabilityDataSet.Verification result = data.verify(emulator, Map.of());
				assertThat(result.problems()).isEmpty();
				assertThat(result.duplicates()).isZero();
				assertThat(result.attachmentsOnTargets()).isEqualTo(data.attachments());
			}
		}
	}

}
