package io.kintonemigrator.migration;

import java.time.Duration;
import java.time.Instant;

import io.kintonemigrator.config.JobConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestEstimateTests {

	@Test
	void theReaderAsksForOnePageMoreThanFullPages() {
		assertThat(RequestEstimate.pages(0)).isEqualTo(1);
		assertThat(RequestEstimate.pages(499)).isEqualTo(1);
		assertThat(RequestEstimate.pages(500)).isEqualTo(2);
		assertThat(RequestEstimate.pages(1_234)).isEqualTo(3);
	}

	@Test
	void requestsPerAppFollowTheJobsSteps() {
		// 1,234 records, 2,000 files: 2 preflight + 1 count + 3 pages + 2,000 downloads
		assertThat(RequestEstimate.sourceRequests(1_234, 2_000)).isEqualTo(2_006);
		// 13 chunks with files: 2 preflight + 13 lookups + 13 updates + 2,000 uploads
		assertThat(RequestEstimate.targetRequests(13, 2_000)).isEqualTo(2_028);
		assertThat(RequestEstimate.chunkTargetRequests(0)).isZero();
		assertThat(RequestEstimate.chunkTargetRequests(7)).isEqualTo(9);
		assertThat(RequestEstimate.chunkSourceRequests(7)).isEqualTo(7);
	}

	@Test
	void theDurationIsTheLatencyBoundOrTheRateBoundWhicheverIsLonger() {
		JobConfig.Limits limits = new JobConfig.Limits(8, 10, 0, 100);
		assertThat(RequestEstimate.transferWaves(17, 8)).isEqualTo(3);
		// (10 serial + 2 x 3 waves) x 100 ms = 1.6 s; 12 requests / 10 per s = 1.2 s
		assertThat(RequestEstimate.duration(10, 3, 12, limits, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(1_600));
		// 100 requests / 10 per s = 10 s
		assertThat(RequestEstimate.duration(10, 3, 100, limits, Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void kintoneDaysRoundUpAndTheDayStartsAtNineInTokyo() {
		assertThat(RequestEstimate.kintoneDays(9_000, 9_000)).isEqualTo(1);
		assertThat(RequestEstimate.kintoneDays(9_001, 9_000)).isEqualTo(2);
		assertThat(RequestEstimate.kintoneDays(50_000, 0)).isEqualTo(1);
		// 23:59 UTC is 08:59 JST: the reset is a minute away
		assertThat(RequestEstimate.nextDailyReset(Instant.parse("2026-11-23T23:59:00Z")).toInstant())
			.isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
		assertThat(RequestEstimate.nextDailyReset(Instant.parse("2026-11-24T00:00:00Z")).toInstant())
			.isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
	}

}
