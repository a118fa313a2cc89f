package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adaptation rules, driven by the reports a domain would send; no HTTP, no waiting
 * but where a wait is the point.
 */
class AdaptiveConcurrencyLimitTests {

	private static void take(AdaptiveConcurrencyLimit limit, int slots) {
		for (int i = 0; i < slots; i++) {
			assertThat(limit.acquire(Duration.ZERO)).isTrue();
		}
	}

	@Test
	void itStartsAtTheCeilingAndAdmitsNoMore() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 5, 20);

		take(limit, 5);

		assertThat(limit.acquire(Duration.ZERO)).isFalse();
		limit.release();
		assertThat(limit.acquire(Duration.ZERO)).isTrue();
	}

	@Test
	void aCrowdedDomainCutsTheLimitToWhatFitsAndTheSameReportAgainCutsNoFurther() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 50, 20);
		take(limit, 30);

		// 90 running, 30 of them ours: the others run 60, 100 - 20 - 60 = 20 fit
		limit.observe(100, 90, -1);
		limit.observe(100, 90, -1);
		limit.observe(100, 90, -1);

		assertThat(limit.limit()).isEqualTo(20);
		assertThat(limit.acquire(Duration.ZERO)).as("30 in flight against a limit of 20").isFalse();
		assertThat(limit.snapshot().lowest()).isEqualTo(20);
		assertThat(limit.snapshot().lastRunning()).isEqualTo(90);
	}

	@Test
	void roomOnTheDomainGrowsTheLimitByOnePerLimitReportsUpToTheCeiling() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 12, 20);
		take(limit, 1);
		limit.observe(100, 95, -1);
		assertThat(limit.limit()).isEqualTo(2);

		limit.observe(100, 1, -1);
		assertThat(limit.limit()).as("half a slot earned").isEqualTo(2);
		limit.observe(100, 1, -1);
		assertThat(limit.limit()).isEqualTo(3);
		limit.observe(100, 1, -1);
		limit.observe(100, 1, -1);
		assertThat(limit.limit()).isEqualTo(3);
		limit.observe(100, 1, -1);
		assertThat(limit.limit()).isEqualTo(4);
		for (int i = 0; i < 200; i++) {
			limit.observe(100, 1, -1);
		}

		assertThat(limit.limit()).isEqualTo(12);
		assertThat(limit.snapshot().lowest()).isEqualTo(2);
	}

	@Test
	void whatTheDomainCountedAsOursIsPreferredToOurCallsInFlight() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 50, 20);
		take(limit, 50);

		// 50 calls in progress, but only 10 of them were on the wire: the others run 70,
		// 10 fit
		limit.observe(100, 80, 10);

		assertThat(limit.limit()).isEqualTo(10);
	}

	@Test
	void theHeadroomIsLeftFreeEvenWhenNobodyElseIsThere() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(1, 50, 60);
		take(limit, 50);

		limit.observe(100, 50, -1);

		assertThat(limit.limit()).isEqualTo(40);
	}

	@Test
	void theLimitNeverGoesBelowTheFloor() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 10, 20);
		take(limit, 1);

		limit.observe(100, 100, -1);
		limit.refused();

		assertThat(limit.limit()).isEqualTo(2);
	}

	@Test
	void a429HalvesTheLimitRelativeToTheCallsInFlightSoOneWaveOf429sCutsAboutOnce() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 50, 20);
		take(limit, 40);

		limit.refused();
		assertThat(limit.limit()).isEqualTo(20);
		limit.release();
		limit.refused();
		limit.release();
		limit.refused();

		assertThat(limit.limit()).isEqualTo(19);
	}

	@Test
	void missingHeadersChangeNothing() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2, 10, 20);

		limit.observe(-1, -1, -1);
		limit.observe(100, -1, -1);

		assertThat(limit.limit()).isEqualTo(10);
		assertThat(limit.snapshot().lastRunning()).isEqualTo(-1);
	}

	@Test
	void aCallerWaitingForASlotGetsOneWhenTheLimitRises() throws Exception {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(1, 3, 0);
		take(limit, 1);
		limit.observe(10, 10, -1);
		assertThat(limit.limit()).isEqualTo(1);
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> limit.acquire(Duration.ofMinutes(1)));

		limit.observe(10, 1, -1);

		assertThat(limit.limit()).isEqualTo(2);
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(limit.inFlight()).isEqualTo(2);
	}

	@Test
	void aFloorAboveTheCeilingIsTheCeilingAndReleaseWithoutAcquireIsABug() {
		AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(5, 3, 0);

		limit.refused();

		assertThat(limit.limit()).isEqualTo(3);
		assertThatThrownBy(limit::release).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new AdaptiveConcurrencyLimit(0, 3, 0)).isInstanceOf(IllegalArgumentException.class);
	}

}
