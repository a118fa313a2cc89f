package io.kintonemigrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The latency {@code plan} estimates with: the first read of each app (a new connection,
 * classes loaded and compiled on first use) does not count, so a cold start cannot make
 * the estimate swing.
 */
class MigrationPlannerLatencyTests {

	private static final long MS = 1_000_000;

	@Test
	void theFirstReadOfEachAppAndTheHeavyReadsDoNotDecide() {
		// measured from a fresh JVM against the demo emulator (40 ms per request,
		// chunks of 100): a cold first read of each app, then a page of 60 records
		// (241 ms) and a lookup of 59 (157 ms); the median of all was 126 ms, of the
		// warm ones 157 ms
		List<Long> source = List.of(534 * MS, 122 * MS, 241 * MS);
		List<Long> target = List.of(77 * MS, 52 * MS, 157 * MS);

		assertThat(MigrationPlanner.warmLatency(source, target)).isEqualTo(Duration.ofMillis(122));
	}

	@Test
	void theLowerQuartileOfManyReads() {
		// chunks of 10: six lookups
		List<Long> source = List.of(278 * MS, 79 * MS, 94 * MS);
		List<Long> target = List.of(50 * MS, 45 * MS, 105 * MS, 50 * MS, 47 * MS, 46 * MS, 47 * MS, 49 * MS);

		assertThat(MigrationPlanner.warmLatency(source, target)).isEqualTo(Duration.ofMillis(47));
	}

	@Test
	void withOneReadPerAppThoseAreAllThereIs() {
		assertThat(MigrationPlanner.warmLatency(List.of(30 * MS), List.of(50 * MS))).isEqualTo(Duration.ofMillis(30));
		assertThat(MigrationPlanner.warmLatency(List.of(), List.of())).isEqualTo(Duration.ZERO);
	}

}
