package io.kintonemigrator.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LittlesLawBoundTests {

	@Test
	void aFileHoldsASlotForTwoLatenciesSoSixteenSlotsAtFiftyMillisecondsMoveOneHundredSixtyFilesPerSecond() {
		LittlesLawBound bound = new LittlesLawBound(16, Duration.ofMillis(50), 0, 1000, 2_500_000);

		assertThat(bound.secondsPerFile()).isCloseTo(0.1, within(1e-9));
		assertThat(bound.filesPerSecond()).isCloseTo(160, within(1e-9));
	}

	@Test
	void aBandwidthCapAddsTheMeanDownloadTimeToEachFile() {
		LittlesLawBound bound = new LittlesLawBound(4, Duration.ofMillis(50), 1_000_000, 1000, 500_000);

		assertThat(bound.secondsPerFile()).isCloseTo(0.6, within(1e-9));
		assertThat(bound.filesPerSecond()).isCloseTo(4 / 0.6, within(1e-9));
	}

	@Test
	void theRateLimitCapsTheBoundAtHalfItsRequestsPerSecond() {
		LittlesLawBound bound = new LittlesLawBound(16, Duration.ofMillis(50), 0, 10, 1000);

		assertThat(bound.filesPerSecond()).isCloseTo(5, within(1e-9));
	}

	@Test
	void withoutLatencyBandwidthOrRateThereIsNoBound() {
		LittlesLawBound bound = new LittlesLawBound(16, Duration.ZERO, 0, 0, 1000);

		assertThat(bound.filesPerSecond()).isInfinite();
	}

}
