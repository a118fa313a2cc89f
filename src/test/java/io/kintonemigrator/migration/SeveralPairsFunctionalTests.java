package io.kintonemigrator.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
		AtomicBoolean outageArmed = new AtomicBoolean(true);
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
					.requestFilter(outage(domainBDown, outageArmed))
					.start()) {
			Path alpha = jobFile("alpha", a, 1, "alpha");
			Path beta = jobFile("beta", a, 3, "beta");
			Path gamma = jobFile("gamma", b, 1, "gamma");

			CommandRun first = migrate(alpha, beta, gamma);

			assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
			assertThat(first.out()).contains("alpha: COMPLETED").contains("beta: COMPLETED").contains("gamma: FAILED");
			assertThat(first.err()).contains("the completed ones are not run again");
			assertThat(onTargets(a, 1)).containsExactlyInAnyOrderElementsOf(fromSources(a, 1));
			assertThat(onTargets(a, 3)).containsExactlyInAnyOrderElementsOf(fromSources(a, 3));

			domainBDown.set(false);
			int domainARequestsBefore = a.requestLog().size();
			CommandRun second = migrate(alpha, beta, gamma);

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
					List<String> expected = fromSources(emulator, sourceApp);
					assertThat(onTargets(emulator, sourceApp)).as("app " + sourceApp + " of " + emulator.baseUrl())
						.hasSize(expected.size())
						.containsExactlyInAnyOrderElementsOf(expected);
				}
			}

			CommandRun third = migrate(alpha, beta, gamma);
			assertThat(third.exitCode()).as(third.all()).isZero();
			assertThat(third.out()).contains("already completed");
		}
	}

	private CommandRun migrate(Path... jobs) {
		List<String> args = new ArrayList<>(List.of("migrate"));
		for (Path job : jobs) {
			args.add("--job");
			args.add(job.toString());
		}
		args.addAll(List.of("--database", "jdbc:h2:file:" + tmp.resolve("db/batch"), "--reports-dir",
				tmp.resolve("reports").toString(), "--kam.work-dir=" + tmp.resolve("work"),
				"--kam.resilience.max-attempts=2", "--kam.resilience.initial-backoff=1ms",
				"--kam.resilience.max-backoff=5ms"));
		return CommandRun.cli(args.toArray(String[]::new));
	}

	/**
	 * Domain B's outage: from the first file upload on (every pair's preflight is done by
	 * then), every request gets 503 until the test ends it.
	 */
	private static Filter outage(AtomicBoolean down, AtomicBoolean armed) {
		return (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if (http.getRequestURI().endsWith("/file.json") && "POST".equals(http.getMethod())
					&& armed.compareAndSet(true, false)) {
				down.set(true);
			}
			if (down.get()) {
				((HttpServletResponse) response).sendError(503, "maintenance");
				return;
			}
			chain.doFilter(request, response);
		};
	}

	private Path jobFile(String name, KintoneEmulator emulator, long sourceApp, String tokens) throws IOException {
		return Files.writeString(tmp.resolve(name + ".yml"), """
				name: %s
				source: { baseUrl: "%s", app: %d, apiToken: %s-source }
				target: { baseUrl: "%s", app: %d, apiToken: %s-target }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				onExisting: replace
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 5 }
				""".formatted(name, emulator.baseUrl(), sourceApp, tokens, emulator.baseUrl(), sourceApp + 1, tokens));
	}

	/** Every source file as "record/field/name:sha256". */
	private static List<String> fromSources(KintoneEmulator emulator, long sourceApp) {
		List<String> files = new ArrayList<>();
		emulator.records(sourceApp).forEach(record -> {
			String id = String.valueOf(record.id());
			MigrationApps.hashes(record.files("attachments")).forEach(file -> files.add(id + "/documents/" + file));
			for (StoredRow row : record.rows("items")) {
				MigrationApps.hashes(row.files("drawing"))
					.forEach(file -> files.add(id + "/" + row.text("item_no") + "/" + file));
			}
		});
		return files;
	}

	/** Every file the job manages on the target, as {@link #fromSources} names them. */
	private static List<String> onTargets(KintoneEmulator emulator, long sourceApp) {
		List<String> files = new ArrayList<>();
		for (StoredRecord target : emulator.records(sourceApp + 1)) {
			String id = target.text("legacy_id");
			MigrationApps.hashes(target.files("documents")).forEach(file -> files.add(id + "/documents/" + file));
			MigrationApps.hashes(MigrationApps.line(target, "A-1").files("drawing"))
				.forEach(file -> files.add(id + "/A-1/" + file));
		}
		return files;
	}

}
