package io.kintonemigrator.reliability;

import java.nio.file.Path;
import java.util.List;
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
 * Overlap: two {@code migrate} processes started on the same job file and database at the
 * same moment. Exactly one may run the job; the other must end without starting it, and
 * the result is every attachment exactly once.
 *
 * <p>
 * On the H2 file database the file lock refuses the second process, which exits 2 with
 * one line naming the holder; on PostgreSQL the job lock does the same
 * ({@code PostgresqlJobOverlapFunctionalTests}).
 */
@Tag("reliability")
class OverlapFunctionalTests {

	static final int RECORDS = 60;

	@TempDir
	Path tmp;

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void twoProcessesStartedOnTheSameJobAtOnceRunItOnlyOnce() throws Exception {
		ReliabilityDataSet data = new ReliabilityDataSet(RECORDS, 7);
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.dataDirectory(tmp.resolve("emulator"))
			.seed(data.seed())
			.start()) {
			Path jobFile = ReliabilityDataSet.jobFile(tmp, "overlap", emulator.baseUrl().toString(), 10);
			try (ChildJvm migrate = ReliabilityDataSet.migrate(tmp, jobFile)) {

				List<Child> runs = List.of(migrate.start(), migrate.start());
				for (Child run : runs) {
					assertThat(run.process().waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
				}

				List<Child> completed = runs.stream().filter(run -> run.process().exitValue() == 0).toList();
				assertThat(completed).as("runs that completed").hasSize(1);
				Child other = runs.stream().filter(run -> run.process().exitValue() != 0).findFirst().orElseThrow();
				String otherOutput = other.output();
				System.out.println("overlap: the second process exited " + other.process().exitValue() + ": "
						+ otherOutput.lines().filter(line -> line.contains("in use")).findFirst().orElse(""));
				assertThat(other.process().exitValue()).as("exit code of the refused process").isEqualTo(2);
				assertThat(otherOutput).contains("is in use by").contains("runs never overlap");
				assertThat(otherOutput).doesNotContain("Starting job").doesNotContain("Resuming job");
				assertThat(completed.get(0).output())
					.contains("all executions: " + data.attachments() + " attachment(s) attached (");
				ReliabilityDataSet.Verification result = data.verify(emulator, Map.of());
				assertThat(result.problems()).isEmpty();
				assertThat(result.duplicates()).isZero();
			}
		}
	}

}
