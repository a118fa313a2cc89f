package io.kintonemigrator.migration.budget;

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
	void requestsPerAppFollowTheJobsStepsAndOnlyFileTransfersAndBulkRequestsAreNotCounted() {
		// 1,234 records, 2,000 files: 2 preflight + 1 count + 3 pages counted; 2,000
		// downloads not
		assertThat(RequestEstimate.sourceCounted(1_234)).isEqualTo(6);
		assertThat(RequestEstimate.sourceUncounted(2_000)).isEqualTo(2_000);
		// 13 chunks with files: 2 preflight + 13 lookups counted; 2,000 uploads + 13 bulk
		// updates not
		assertThat(RequestEstimate.targetCounted(13)).isEqualTo(15);
		assertThat(RequestEstimate.targetUncounted(13, 2_000)).isEqualTo(2_013);
	}

	@Test
	void aChunksCountedRequestsDoNotDependOnItsSizeSoOnlyABiggerBudgetHelps() {
		// a page (and one more at the end) on the source; a lookup and two conflict
		// re-reads on the target
		assertThat(RequestEstimate.chunkSourceRequests(1)).isEqualTo(2);
		assertThat(RequestEstimate.chunkSourceRequests(100)).isEqualTo(2);
		assertThat(RequestEstimate.chunkTargetRequests(1)).isEqualTo(3);
		assertThat(RequestEstimate.chunkTargetRequests(100)).isEqualTo(3);
		// a day: 3 (preflight, count) + 2 on the source, 2 (preflight) + 3 on the target
		assertThat(RequestEstimate.minimumDailyBudget(100)).isEqualTo(5);
		assertThat(RequestEstimate.budgetProblem(5, 100)).isNull();
		assertThat(RequestEstimate.budgetProblem(0, 100)).isNull();
		assertThat(RequestEstimate.budgetProblem(4, 1)).contains("set limits.dailyRequestBudget to at least 5");
	}

	@Test
	void theDurationIsTheLatencyBoundOrTheRateBoundWhicheverIsLonger() {
		JobConfig.Limits limits = new JobConfig.Limits(8, 10, 0, 100);
		assertThat(RequestEstimate.transferWaves(17, 8)).isEqualTo(3);
		// (10 serial + 2 x 3 waves) x 100 ms = 1.6 s; 12 requests / 10 per s = 1.2 s
		assertThat(RequestEstimate.duration(10, 3, 12, limits, Duration.ofMillis(100)))
			.isEqualTo(Duration.ofMillis(1_600));
		// 100 requests / 10 per s = 10 s
		assertThat(RequestEstimate.duration(10, 3, 100, limits, Duration.ofMillis(100)))
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void kintoneDaysRoundUpAndTheDayStartsAtNineInTokyo() {
		// every day repeats its overhead (2), and a chunk starts only with 3 left: 9,000
		// - 2 - 2 a day
		assertThat(RequestEstimate.kintoneDays(8_998, 9_000, 2, 3)).isEqualTo(1);
		assertThat(RequestEstimate.kintoneDays(8_999, 9_000, 2, 3)).isEqualTo(2);
		assertThat(RequestEstimate.kintoneDays(2 + 2 * 8_996 + 1, 9_000, 2, 3)).isEqualTo(3);
		assertThat(RequestEstimate.kintoneDays(50_000, 0, 2, 3)).isEqualTo(1);
		// the least budget: one chunk a day
		assertThat(RequestEstimate.kintoneDays(2 + 3, 5, 2, 3)).isEqualTo(3);
		// 23:59 UTC is 08:59 JST: the reset is a minute away
		assertThat(RequestEstimate.nextDailyReset(Instant.parse("2026-11-23T23:59:00Z")).toInstant())
			.isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
		assertThat(RequestEstimate.nextDailyReset(Instant.parse("2026-11-24T00:00:00Z")).toInstant())
			.isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
	}

}
