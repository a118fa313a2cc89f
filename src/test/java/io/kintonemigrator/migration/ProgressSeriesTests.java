package io.kintonemigrator.migration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run report's series stays bounded and spread over the whole run. */
class ProgressSeriesTests {

	@Test
	void aLongRunKeepsAtMostTheCapacityEvenlySpreadFromFirstToRecentCommits() {
		ProgressSeries series = new ProgressSeries();
		int commits = ProgressSeries.CAPACITY * 10;
		for (int i = 0; i < commits; i++) {
			series.offer(new RunProgress.Sample(Duration.ofSeconds(i), i, i, i, "4/4"));
		}

		var samples = series.samples();
		assertThat(samples).hasSizeLessThanOrEqualTo(ProgressSeries.CAPACITY)
			.hasSizeGreaterThan(ProgressSeries.CAPACITY / 2);
		assertThat(samples.get(0).recordsRead()).isZero();
		assertThat(samples.get(samples.size() - 1).recordsRead()).isGreaterThan(commits - commits / 20);
		long step = samples.get(1).recordsRead() - samples.get(0).recordsRead();
		for (int i = 1; i < samples.size(); i++) {
			assertThat(samples.get(i).recordsRead() - samples.get(i - 1).recordsRead()).isEqualTo(step);
		}
	}

	@Test
	void aShortRunKeepsEveryCommit() {
		ProgressSeries series = new ProgressSeries();
		for (int i = 0; i < 10; i++) {
			series.offer(new RunProgress.Sample(Duration.ofSeconds(i), i, i, i, ""));
		}

		assertThat(series.samples()).extracting(RunProgress.Sample::recordsRead)
			.containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
	}

}
