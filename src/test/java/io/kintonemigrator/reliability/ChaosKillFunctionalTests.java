package io.kintonemigrator.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.TargetEdits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos: one migration of {@value #RECORDS} records ({@code 3 * RECORDS} attachments, 0
 * bytes to 5 MB, Japanese names, two subtable rows each) by the real {@code migrate}
 * command in a child JVM, killed with SIGKILL at {@value #KILLS} random instants spread
 * over the run and started again with the same command each time, then run to its end.
 * Users edit target records between kills and while the migrator runs. Every source
 * attachment must be on its target exactly once with the same SHA-256, every target row
 * and every user edit must still be there.
 *
 * <p>
 * The kill instants come from the seed (printed; {@code -Dkam.chaos.seed=N} repeats a
 * run): each kill waits for a random number of finished uploads (so kills spread over the
 * whole run), every third one then for the next bulk update kintone applies (whose answer
 * the emulator holds back 150 ms, like a slow network), then a random 0–300 ms more.
 */
@Tag("reliability")
class ChaosKillFunctionalTests {

	static final int RECORDS = 300;

	static final int KILLS = 21;

	@TempDir
	Path tmp;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void everyAttachmentArrivesExactlyOnceThoughTheMigratorIsKilledOverAndOver() throws Exception {
		long seed = Long.getLong("kam.chaos.seed", System.nanoTime() % 1_000_000);
		System.out.println("chaos: seed " + seed + " (repeat with -Dkam.chaos.seed=" + seed + ")");
		Random random = new Random(seed);
		ReliabilityDataSet data = new ReliabilityDataSet(RECORDS, seed);
		MigrationProbe probe = new MigrationProbe(Duration.ofMillis(150));
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.dataDirectory(tmp.resolve("emulator"))
			.seed(data.seed())
			.requestFilter(probe)
			.start()) {
			Path jobFile = ReliabilityDataSet.jobFile(tmp, "chaos", emulator.baseUrl().toString(), 10);
			try (ChildJvm migrate = ReliabilityDataSet.migrate(tmp, jobFile);
					TargetEdits users = new TargetEdits(emulator.baseUrl(), ReliabilityDataSet.TARGET_TOKEN,
							tmp.resolve("edits"))) {
				TreeSet<Long> uploadThresholds = new TreeSet<>();
				while (uploadThresholds.size() < KILLS) {
					uploadThresholds.add(1 + (long) random.nextInt(data.attachments() * 90 / 100));
				}
				Map<KillOutcome, Integer> outcomes = new EnumMap<>(KillOutcome.class);
				List<Long> killedAt = new ArrayList<>();
				long started = System.nanoTime();
				int kill = 0;
				for (long threshold : uploadThresholds) {
					kill++;
					long uploadsBefore = probe.uploads();
					Instant lifeStarted = Instant.now();
					Child run = migrate.start();
					boolean reached = probe.awaitUploads(threshold, run.process());
					if (reached && kill % 3 == 0) {
						reached = probe.awaitUpdates(probe.updates() + 1, run.process());
					}
					if (reached && kill % 6 == 0) {
						users.editNote(1 + random.nextInt(RECORDS), "edited while migrating, kill " + kill);
					}
					Thread.sleep(random.nextInt(300)); // the random instant itself
					assertThat(run.process().isAlive()).as("still migrating at kill %d:%n%s", kill, run.output())
						.isTrue();
					run.kill();
					killedAt.add(probe.uploads());
					outcomes.merge(KillOutcome.of(ChildJvm.databaseUrl(tmp), lifeStarted,
							probe.uploads() - uploadsBefore, emulator), 1, Integer::sum);
					if (kill % 5 == 0) {
						users.editNote(1 + random.nextInt(RECORDS), "edited between kills, kill " + kill);
					}
				}
				ChildJvm.Result last = migrate.run(Duration.ofSeconds(300));
				long wallMillis = (System.nanoTime() - started) / 1_000_000;

				assertThat(last.exitCode()).as(last.output()).isZero();
				assertThat(last.output())
					.contains("all executions: " + data.attachments() + " attachment(s) attached (")
					.contains(", 0 skipped in 0 source record(s).");
				ReliabilityDataSet.Verification result = data.verify(emulator, users.memos());
				System.out.println("chaos: " + RECORDS + " records, " + data.attachments() + " attachments, "
						+ data.sourceBytes(emulator) + " bytes; " + KILLS + " SIGKILLs at uploads " + killedAt + "; "
						+ outcomes + "; " + migrate.starts() + " runs; " + probe.uploads() + " uploads in all; "
						+ users.memos().size() + " user edits; wall time " + wallMillis + " ms; duplicates "
						+ result.duplicates() + "; problems " + result.problems().size());
				assertThat(result.problems()).isEmpty();
				assertThat(result.duplicates()).isZero();
				assertThat(result.attachmentsOnTargets()).isEqualTo(data.attachments());
				assertThat(users.memos()).isNotEmpty();
				assertThat(outcomes.getOrDefault(KillOutcome.MID_CHUNK, 0)).isPositive();
			}
		}
	}

}
