package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three app pairs over two kintone domains (two emulators) in one {@code migrate} run:
 * {@code alpha} and {@code beta} on domain A, {@code gamma} on domain B. Domain B goes
 * away at gamma's first upload (after every pair's preflight), so gamma's partition fails
 * while the others complete; the next run resumes gamma alone. Every source file ends on
 * its target exactly once (names and SHA-256), and the re-run sends domain A nothing but
 * preflight reads.
 */
class SeveralPairsFunctionalTests {

	static final int RECORDS = 29;

	@TempDir
	Path tmp;

	@Test
	void threePairsOnTwoDomainsOnePartitionFailsAndResumesAloneEveryFileOnce() throws Exception {
		AtomicBoolean domainBDown = new AtomicBoolean();
		EmulatorSeed seedA = MigrationApps
			.apps(MigrationApps.apps(EmulatorSeed.builder(), RECORDS, Set.of(), 1, "alpha-source", "alpha-target"),
					RECORDS, Set.of(), 3, "beta-source", "beta-target")
			.build();
		EmulatorSeed seedB = MigrationApps
			.apps(EmulatorSeed.builder(), RECORDS, Set.of(), 1, "gamma-source", "gamma-target")
			.build();
		try (KintoneEmulator a = KintoneEmulator.builder().port(0).dataDirectory(tmp.resolve("a")).seed(seedA).start();
				KintoneEmulator b = KintoneEmulator.builder()
					.port(0)
					.dataDirectory(tmp.resolve("b"))
					.seed(seedB)
					.requestFilter(PairRuns.outageFromFirstUpload(domainBDown))
					.start()) {
			Path alpha = PairRuns.jobFile(tmp, "alpha", a, 1, "alpha", "");
			Path beta = PairRuns.jobFile(tmp, "beta", a, 3, "beta", "");
			Path gamma = PairRuns.jobFile(tmp, "gamma", b, 1, "gamma", "");

			CommandRun plan = CommandRun.cli("plan", "--job", alpha.toString(), "--job", beta.toString(), "--job",
					gamma.toString());
			assertThat(plan.exitCode()).as(plan.all()).isZero();
			long attachments = PairRuns.fromSources(a, 1).size() + PairRuns.fromSources(a, 3).size()
					+ PairRuns.fromSources(b, 1).size();
			assertThat(plan.out()).contains("Plan for job 'alpha'")
				.contains("Plan for job 'gamma'")
				.contains("Total over 3 app pairs: " + 3 * RECORDS + " source records read, " + attachments
						+ " attachments");

			CommandRun first = PairRuns.migrate(tmp, alpha, beta, gamma);

			assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
			assertThat(first.out()).contains("alpha: COMPLETED").contains("beta: COMPLETED").contains("gamma: FAILED");
			assertThat(first.err()).contains("the completed ones are not run again");
			assertThat(PairRuns.onTargets(a, 1)).containsExactlyInAnyOrderElementsOf(PairRuns.fromSources(a, 1));
			assertThat(PairRuns.onTargets(a, 3)).containsExactlyInAnyOrderElementsOf(PairRuns.fromSources(a, 3));

			CommandRun status = CommandRun.cli("status", "--job", alpha.toString(), "--job", beta.toString(), "--job",
					gamma.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"));
			assertThat(status.exitCode()).as(status.all()).isZero();
			assertThat(status.out()).contains("Run 'alpha+beta+gamma' of 3 app pairs")
				.contains("partition gamma: FAILED")
				.contains("partition alpha: COMPLETED");

			domainBDown.set(false);
			int domainARequestsBefore = a.requestLog().size();
			CommandRun second = PairRuns.migrate(tmp, alpha, beta, gamma);

			assertThat(second.exitCode()).as(second.all()).isZero();
			assertThat(second.out()).contains("Resuming Run 'alpha+beta+gamma'")
				.contains("gamma: COMPLETED")
				.doesNotContain("alpha: COMPLETED")
				.doesNotContain("beta: COMPLETED");
			List<RequestLogEntry> domainAOnReRun = a.requestLog().subList(domainARequestsBefore, a.requestLog().size());
			assertThat(domainAOnReRun).as("domain A on the re-run: preflight reads only")
				.isNotEmpty()
				.allSatisfy(entry -> assertThat(entry.effectiveMethod()).isEqualTo("GET"))
				.noneSatisfy(entry -> assertThat(entry.path()).contains("file.json"));
			for (KintoneEmulator emulator : List.of(a, b)) {
				for (long sourceApp : emulator == a ? List.of(1L, 3L) : List.of(1L)) {
					List<String> expected = PairRuns.fromSources(emulator, sourceApp);
					assertThat(PairRuns.onTargets(emulator, sourceApp))
						.as("app " + sourceApp + " of " + emulator.baseUrl())
						.hasSize(expected.size())
						.containsExactlyInAnyOrderElementsOf(expected);
				}
			}

			CommandRun verify = CommandRun.cli("verify", "--job", alpha.toString(), "--job", beta.toString(), "--job",
					gamma.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"));
			assertThat(verify.exitCode()).as(verify.all()).isZero();
			assertThat(verify.out()).contains("In total: 3 of 3 app pairs identical on their targets.");

			CommandRun third = PairRuns.migrate(tmp, alpha, beta, gamma);
			assertThat(third.exitCode()).as(third.all()).isZero();
			assertThat(third.out()).contains("already completed");
		}
	}

}
