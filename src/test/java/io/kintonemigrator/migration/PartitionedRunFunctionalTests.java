package io.kintonemigrator.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} of app pairs as partitions, against the emulator over real HTTP: a big
 * app split into {@code $id} ranges ({@code partitions: N}), and a pair that depends on
 * another ({@code dependsOn}).
 */
class PartitionedRunFunctionalTests {

	static final int RECORDS = 29;

	@TempDir
	Path tmp;

	@Test
	void aJobFileWithPartitionsMovesEachRangeInItsOwnPartitionEveryFileOnceWithoutCursors() throws Exception {
		try (KintoneEmulator emulator = start(seed(false), null)) {
			Path job = PairRuns.jobFile(tmp, "ranges", emulator, 1, "alpha", "partitions: 3");

			CommandRun run = PairRuns.migrate(tmp, job);

			assertThat(run.exitCode()).as(run.all()).isZero();
			// $id 1..29 in three ranges of width 10, the last open-ended
			assertThat(run.out())
				.containsPattern("ranges#1of3: COMPLETED, \\d+ file\\(s\\) attached, 10 record\\(s\\) read")
				.containsPattern("ranges#2of3: COMPLETED, \\d+ file\\(s\\) attached, 10 record\\(s\\) read")
				.containsPattern("ranges#3of3: COMPLETED, \\d+ file\\(s\\) attached, 9 record\\(s\\) read");
			List<String> expected = PairRuns.fromSources(emulator, 1);
			assertThat(PairRuns.onTargets(emulator, 1)).hasSize(expected.size())
				.containsExactlyInAnyOrderElementsOf(expected);
			assertThat(emulator.requestLog()).noneSatisfy(entry -> assertThat(entry.path()).contains("cursor"));
		}
	}

	@Test
	void aPairThatDependsOnAFailedOneDoesNotStartAndRunsAfterItOnTheNextRun() throws Exception {
		AtomicBoolean down = new AtomicBoolean();
		try (KintoneEmulator emulator = start(seed(true), PairRuns.outageFromFirstUpload(down))) {
			Path first = PairRuns.jobFile(tmp, "first", emulator, 1, "alpha", "");
			Path second = PairRuns.jobFile(tmp, "second", emulator, 3, "beta", "dependsOn: first");
			List<String> secondTargetsBefore = PairRuns.onTargets(emulator, 3);

			CommandRun failed = PairRuns.migrate(tmp, second, first);

			assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
			assertThat(failed.out()).contains("first: FAILED")
				.contains("second: STOPPED")
				.contains("Not started: it runs after migratePartition:first, which did not complete");
			assertThat(PairRuns.onTargets(emulator, 3)).as("second wrote nothing").isEqualTo(secondTargetsBefore);

			down.set(false);
			int before = emulator.requestLog().size();
			CommandRun resumed = PairRuns.migrate(tmp, second, first);

			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			List<RequestLogEntry> log = emulator.requestLog().subList(before, emulator.requestLog().size());
			int lastFirstUpload = lastIndexOf(log, "alpha-target");
			int firstSecondUpload = firstIndexOf(log, "beta-target");
			assertThat(lastFirstUpload).as("first uploaded").isNotNegative();
			assertThat(firstSecondUpload).as("second started after first ended").isGreaterThan(lastFirstUpload);
			for (long app : List.of(1L, 3L)) {
				List<String> expected = PairRuns.fromSources(emulator, app);
				assertThat(PairRuns.onTargets(emulator, app)).hasSize(expected.size())
					.containsExactlyInAnyOrderElementsOf(expected);
			}
		}
	}

	@Test
	void eachPartitionCommitsChunksOfItsOwnJobFilesChunkSize() throws Exception {
		try (KintoneEmulator emulator = start(seed(true), null)) {
			Path small = PairRuns.jobFile(tmp, "small", emulator, 1, "alpha", "");
			Path large = PairRuns.jobFile(tmp, "large", emulator, 3, "beta", "");
			// neither the default kam.chunk-size (100) nor the other pair's (5): the
			// large
			// pair's partition must still run chunks of 7
			Files.writeString(large, Files.readString(large).replace("chunkSize: 5", "chunkSize: 7"));

			CommandRun run = PairRuns.migrate(tmp, small, large);

			assertThat(run.exitCode()).as(run.all()).isZero();
			Map<String, long[]> steps = partitionSteps("jdbc:h2:file:" + tmp.resolve("db/batch"));
			long smallReads = steps.get("migratePartition:small")[0];
			long largeReads = steps.get("migratePartition:large")[0];
			assertThat(smallReads).isEqualTo(RECORDS);
			assertThat(largeReads).isEqualTo(RECORDS);
			// one commit per chunk
			assertThat(steps.get("migratePartition:small")[1]).isEqualTo(chunks(RECORDS, 5));
			assertThat(steps.get("migratePartition:large")[1]).isEqualTo(chunks(RECORDS, 7));
		}
	}

	private static long chunks(long records, int chunkSize) {
		return (records + chunkSize - 1) / chunkSize;
	}

	/** Read count and commit count of each partition step execution, by step name. */
	private static Map<String, long[]> partitionSteps(String databaseUrl) throws Exception {
		Map<String, long[]> steps = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT STEP_NAME, READ_COUNT, COMMIT_COUNT "
						+ "FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'migratePartition:%'")) {
			while (rows.next()) {
				steps.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3) });
			}
		}
		return steps;
	}

	/** Apps 1 → 2 (tokens alpha-*), and with {@code twoPairs} 3 → 4 (tokens beta-*). */
	private static EmulatorSeed.Builder seed(boolean twoPairs) {
		EmulatorSeed.Builder seed = MigrationApps.apps(EmulatorSeed.builder(), RECORDS, Set.of(), 1, "alpha-source",
				"alpha-target");
		return twoPairs ? MigrationApps.apps(seed, RECORDS, Set.of(), 3, "beta-source", "beta-target") : seed;
	}

	private KintoneEmulator start(EmulatorSeed.Builder seed, @Nullable Filter filter) {
		var builder = KintoneEmulator.builder().port(0).dataDirectory(tmp.resolve("emulator")).seed(seed.build());
		if (filter != null) {
			builder.requestFilter(filter);
		}
		return builder.start();
	}

	private static int firstIndexOf(List<RequestLogEntry> log, String token) {
		for (int i = 0; i < log.size(); i++) {
			if (isUpload(log.get(i), token)) {
				return i;
			}
		}
		return -1;
	}

	private static int lastIndexOf(List<RequestLogEntry> log, String token) {
		for (int i = log.size() - 1; i >= 0; i--) {
			if (isUpload(log.get(i), token)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isUpload(RequestLogEntry entry, String token) {
		return entry.path().endsWith("/file.json") && "POST".equals(entry.method())
				&& token.equals(entry.header("X-Cybozu-API-Token"));
	}

}
