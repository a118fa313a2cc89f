package io.kintonemigrator.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The changing world: a migration by the real {@code migrate} command in child JVMs,
 * killed with SIGKILL at random instants and run again, while users edit both apps
 * through the REST API, between runs and while a run goes ({@link WorldEditor}): files
 * added, deleted, renamed and reordered in the source, table rows added, deleted and
 * reordered, target fields and target-only rows changed, in {@code append} files of the
 * users' own added to the target; once per scenario the job file gains a second FILE
 * mapping. One scenario per {@code onExisting} mode, each as full runs and as
 * {@code --since-last-run} runs. Every scenario ends with one incremental run after the
 * last edit and then compares the target with what {@link WorldModel} says it must hold
 * (names and SHA-256 per field and row, every user edit kept) and the run's reports with
 * the target ({@link WorldReports}).
 *
 * <p>
 * Seeded: the seed (printed; {@code -Dkam.world.seed=N} repeats it) fixes the data set,
 * the kill plan, the mapping change and the users' choices; the interleaving of the
 * users' thread with the migrator's is not fixed. {@code -Dkam.world.seeds=K} runs K
 * seeds in a row (N, N+1, …) per scenario,
 * {@code -Dkam.world.scenario=append/incremental} one scenario alone. Each scenario:
 * {@value #RECORDS} records, chunks of {@value #CHUNK_SIZE}, four runs (three of them
 * killed when they last long enough), then the final run.
 */
@Tag("reliability")
class ChangingWorldFunctionalTests {

	/** What a run that changed nothing says instead of naming its reports. */
	private static final String NO_REPORTS = "no reports written";

	static final int RECORDS = 40;

	static final int CHUNK_SIZE = 5;

	static final int ROUNDS = 4;

	/**
	 * The round (1-based) that runs to its end; the others are killed at a random
	 * instant.
	 */
	static final int UNKILLED_ROUND = 3;

	/** Edits of the users' thread during one run, at most. */
	static final int EDITS_PER_RUN = 6;

	private static final long BASE_SEED = Long.getLong("kam.world.seed", Math.floorMod(System.nanoTime(), 1_000_000L));

	private static final int SEEDS = Integer.getInteger("kam.world.seeds", 1);

	/** {@code -Dkam.world.scenario=append/incremental} runs that scenario alone. */
	private static final String ONLY = System.getProperty("kam.world.scenario");

	@TempDir
	Path tmp;

	static Stream<Arguments> scenarios() {
		return Stream.of(Arguments.of("replace", false), Arguments.of("replace", true), Arguments.of("append", false),
				Arguments.of("append", true), Arguments.of("skip", false), Arguments.of("skip", true));
	}

	@ParameterizedTest(name = "{0}, incremental runs: {1}")
	@MethodSource("scenarios")
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void theTargetEndsAsTheChangedSourceAndTheUsersEditsSay(String onExisting, boolean incremental) throws Exception {
		String scenario = onExisting + (incremental ? "/incremental" : "/full");
		assumeTrue(ONLY == null || ONLY.equals(scenario), "only " + ONLY);
		List<String> failed = new ArrayList<>();
		for (int i = 0; i < SEEDS; i++) {
			long seed = BASE_SEED + i;
			System.out.println("world: seed " + seed + " " + scenario + " (repeat with -Dkam.world.seed=" + seed + ")");
			List<String> problems = new Scenario(tmp.resolve(onExisting + "-" + incremental + "-" + seed), seed,
					onExisting, incremental)
				.run();
			problems.forEach(problem -> System.out.println("world: seed " + seed + " " + scenario + ": " + problem));
			if (!problems.isEmpty()) {
				failed.add("seed " + seed + " " + scenario + ": " + problems.size() + " problem(s), first: "
						+ String.join("\n    ", problems.subList(0, Math.min(25, problems.size()))));
			}
		}
		assertThat(failed).as("the target and the reports differ from the expected result").isEmpty();
	}

	/** One seeded scenario in its own directory, emulator and job database. */
	private static final class Scenario {

		private final Path dir;

		private final long seed;

		private final String onExisting;

		private final boolean incremental;

		private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

		Scenario(Path dir, long seed, String onExisting, boolean incremental) {
			this.dir = dir;
			this.seed = seed;
			this.onExisting = onExisting;
			this.incremental = incremental;
		}

		List<String> run() throws Exception {
			Random random = new Random(seed);
			WorldApps apps = new WorldApps(RECORDS, seed);
			MigrationProbe probe = new MigrationProbe(Duration.ofMillis(100));
			TargetLookupWatch lookups = new TargetLookupWatch();
			long started = System.nanoTime();
			try (KintoneEmulator emulator = KintoneEmulator.builder()
				.dataDirectory(dir.resolve("emulator"))
				.seed(apps.seed())
				.requestFilter(probe)
				.requestFilter(lookups)
				.requestLogCapacity(50_000)
				.start()) {
				WorldModel model = WorldModel.before(emulator);
				String baseUrl = emulator.baseUrl().toString();
				Path job = WorldApps.jobFile(dir.resolve("world.yml"), "world", baseUrl, onExisting, CHUNK_SIZE, false);
				int mappingChangeAfter = 1 + random.nextInt(ROUNDS - 1);
				boolean archiveMapped = false;
				String[] args = incremental ? new String[] { "--since-last-run" } : new String[0];
				Map<KillOutcome, Integer> outcomes = new EnumMap<>(KillOutcome.class);
				List<Integer> exits = new ArrayList<>();
				try (ChildJvm migrate = ReliabilityDataSet.migrate(dir, job);
						WorldEditor users = new WorldEditor(emulator, dir.resolve("uploads"), model)) {
					for (int round = 1; round <= ROUNDS; round++) {
						Instant lifeStarted = Instant.now();
						long uploadsBefore = probe.uploads();
						Child run = migrate.start(args);
						UsersAtWork during = new UsersAtWork(users, new Random(random.nextLong()), run.process(), probe,
								lookups, archiveMapped);
						during.start();
						boolean killed = round != UNKILLED_ROUND && killAtRandomInstant(run, probe, random);
						if (killed) {
							outcomes.merge(KillOutcome.of(ChildJvm.databaseUrl(dir), lifeStarted,
									probe.uploads() - uploadsBefore, emulator), 1, Integer::sum);
						}
						else {
							if (!run.process().waitFor(180, TimeUnit.SECONDS)) {
								run.kill();
								problems.add("run " + round + " did not end within 180 s:\n" + run.output());
							}
							int exit = run.process().exitValue();
							exits.add(exit);
							if (exit != 0 && exit != 1) {
								problems
									.add("run " + round + " (not killed: it ended before its kill, or it is the run "
											+ UNKILLED_ROUND + ") exited " + exit + ":\n" + tail(run.output()));
							}
						}
						during.join();
						for (int edit = 0; edit < 2; edit++) {
							users.editSource(random, 1 + random.nextInt(RECORDS));
						}
						users.editTarget(random, 1 + random.nextInt(RECORDS), "append".equals(onExisting),
								archiveMapped);
						if (round == mappingChangeAfter) {
							WorldApps.jobFile(job, "world", baseUrl, onExisting, CHUNK_SIZE, true);
							archiveMapped = true;
						}
					}
					if (outcomes.isEmpty()) {
						problems.add("harness: no run lasted long enough to be killed");
					}
					String reported = finalRun(migrate);
					problems.addAll(model.differences(emulator, onExisting, archiveMapped));
					problems.addAll(WorldReports.differences(reported, emulator, model, onExisting, archiveMapped));
					List<String> edits = users.log();
					System.out
						.println("world: seed " + seed + " " + onExisting + (incremental ? "/incremental" : "/full")
								+ ": " + RECORDS + " records, job file changed after run " + mappingChangeAfter + ", "
								+ migrate.starts() + " runs, kills " + outcomes + ", exit codes of the runs not killed "
								+ exits + ", " + edits.size() + " user edits ("
								+ edits.stream().filter(e -> e.startsWith("source")).count() + " source), "
								+ probe.uploads() + " uploads, " + probe.updates() + " bulk updates ("
								+ conflicts(emulator) + " more refused for a revision conflict), wall time "
								+ (System.nanoTime() - started) / 1_000_000 + " ms, problems " + problems.size());
					if (!problems.isEmpty()) {
						edits.forEach(edit -> System.out.println("world: seed " + seed + " edit: " + edit));
					}
				}
			}
			return List.copyOf(problems);
		}

		/**
		 * The final incremental run after the last edit. When it only resumes an
		 * incremental run a kill interrupted (same bound, from its checkpoint, as
		 * documented), records before the checkpoint edited since are left to the next
		 * run: that one is run too. Every final run must exit 0. Returns the output of
		 * the newest run that wrote reports: a run that changed nothing writes none and
		 * says so, and the reports before it still describe the target.
		 */
		private String finalRun(ChildJvm migrate) throws Exception {
			ChildJvm.Result last = migrate.run(Duration.ofSeconds(180), "--since-last-run");
			String reported = last.output();
			if (last.exitCode() == 0 && last.output().contains("Resuming the incremental run")) {
				last = migrate.run(Duration.ofSeconds(180), "--since-last-run");
				if (!last.output().contains(NO_REPORTS)) {
					reported = last.output();
				}
			}
			if (last.exitCode() != 0) {
				problems.add("the final run exited " + last.exitCode() + ":\n" + tail(last.output()));
			}
			return reported;
		}

		/**
		 * Waits for a random moment of the run (after a random number of uploads, or of
		 * bulk updates kintone applied, then 0–200 ms more) and kills it; false if it
		 * ended before (the caller then checks its exit code like that of a run not meant
		 * to be killed).
		 */
		private boolean killAtRandomInstant(Child run, MigrationProbe probe, Random random) throws Exception {
			boolean reached = random.nextBoolean()
					? probe.awaitUploads(probe.uploads() + 1 + random.nextInt(RECORDS / 2), run.process())
					: probe.awaitUpdates(probe.updates() + 1 + random.nextInt(2), run.process());
			Thread.sleep(random.nextInt(200));
			if (!reached || !run.process().isAlive()) {
				return false;
			}
			run.kill();
			return true;
		}

		/**
		 * The migrator's bulk updates kintone refused because a user had saved the record
		 * in between.
		 */
		private static long conflicts(KintoneEmulator emulator) {
			return emulator.requestLog()
				.stream()
				.filter(entry -> RecordUpdateRequests.API.equals(entry.api()) && entry.status() == 409)
				.count();
		}

		private static String tail(String output) {
			String[] lines = output.split("\n");
			return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
		}

		/**
		 * The users' thread while a run goes: a few edits of both apps at random moments.
		 */
		private final class UsersAtWork extends Thread {

			private final WorldEditor users;

			private final Random random;

			private final Process child;

			private final MigrationProbe probe;

			private final TargetLookupWatch lookups;

			private final boolean archiveMapped;

			UsersAtWork(WorldEditor users, Random random, Process child, MigrationProbe probe,
					TargetLookupWatch lookups, boolean archiveMapped) {
				super("world-users");
				this.users = users;
				this.random = random;
				this.child = child;
				this.probe = probe;
				this.lookups = lookups;
				this.archiveMapped = archiveMapped;
			}

			@Override
			public void run() {
				try {
					// from the run's first upload on, not while its JVM starts
					if (!probe.awaitUploads(probe.uploads() + 1, child)) {
						return;
					}
					for (int edit = 0; edit < EDITS_PER_RUN && child.isAlive(); edit++) {
						Thread.sleep(30 + random.nextInt(250));
						if (!child.isAlive()) {
							return;
						}
						// mostly a record of the chunk the migrator is preparing: its
						// update meets the edit
						List<Long> chunk = lookups.latest();
						long id = !chunk.isEmpty() && random.nextInt(10) < 7 ? chunk.get(random.nextInt(chunk.size()))
								: 1 + random.nextInt(RECORDS);
						if (random.nextInt(10) < 5) {
							users.editSource(random, id);
						}
						else {
							users.editTarget(random, id, "append".equals(onExisting), archiveMapped);
						}
					}
				}
				catch (Exception ex) {
					problems.add("harness: a user's edit failed: " + ex);
				}
			}

		}

	}

}
