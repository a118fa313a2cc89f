package io.kintonemigrator.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MemoryBudgetTests {

	@Test
	void reservesWhatFitsAndRefusesTheRest() {
		MemoryBudget budget = new MemoryBudget(100);

		assertThat(budget.tryReserve(60)).isTrue();
		assertThat(budget.tryReserve(41)).isFalse();
		assertThat(budget.tryReserve(40)).isTrue();
		assertThat(budget.tryReserve(1)).isFalse();
		budget.release(60);
		assertThat(budget.tryReserve(60)).isTrue();

		assertThat(budget.reserved()).isEqualTo(100);
		assertThat(budget.peak()).isEqualTo(100);
		assertThat(budget.refused()).isEqualTo(2);
	}

	@Test
	void givenArraysAreReusedAndKeptOnesMakeRoomForNewReservations() {
		MemoryBudget budget = new MemoryBudget(256 * 1024);
		byte[] first = budget.take(100_000);
		assertThat(first).hasSize(128 * 1024);
		budget.give(first);

		assertThat(budget.take(70_000)).isSameAs(first);
		budget.give(first);
		assertThat(budget.kept()).isEqualTo(128 * 1024);
		assertThat(budget.reserved()).isZero();

		// the kept array is dropped when a reservation needs its room
		assertThat(budget.tryReserve(200 * 1024)).isTrue();
		assertThat(budget.kept()).isZero();
		assertThat(budget.take(10)).isNull();
		assertThat(budget.reserved() + budget.kept()).isLessThanOrEqualTo(256 * 1024);
	}

	@Test
	void releasingMoreThanReservedIsABug() {
		MemoryBudget budget = new MemoryBudget(100);
		budget.tryReserve(10);

		assertThatIllegalStateException().isThrownBy(() -> budget.release(11));
	}

	@Test
	void theSharedBudgetIsOneForTheProcessAndAtMostAnEighthOfTheHeap() {
		assertThat(MemoryBudget.shared()).isSameAs(MemoryBudget.shared());
		assertThat(MemoryBudget.shared().capacity()).isPositive()
			.isLessThanOrEqualTo(MemoryBudget.MAX_SHARED_CAPACITY)
			.isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 8);
	}

	@Test
	void eightThreadsNeverHoldMoreThanTheCapacityTogether() throws Exception {
		MemoryBudget budget = new MemoryBudget(300_000);
		AtomicLong held = new AtomicLong();
		AtomicLong mostHeld = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		try {
			for (int t = 0; t < 8; t++) {
				workers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 20_000; i++) {
						long bytes = ThreadLocalRandom.current().nextLong(1, 400);
						if (budget.tryReserve(bytes)) {
							// what the holders hold, counted by them, not by the budget
							mostHeld.accumulateAndGet(held.addAndGet(bytes), Math::max);
							held.addAndGet(-bytes);
							budget.release(bytes);
						}
						byte[] array = budget.take(ThreadLocalRandom.current().nextInt(1, 200_000));
						if (array != null) {
							mostHeld.accumulateAndGet(held.addAndGet(array.length), Math::max);
							held.addAndGet(-array.length);
							budget.give(array);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(mostHeld.get()).isLessThanOrEqualTo(300_000);
		assertThat(budget.peak()).isLessThanOrEqualTo(300_000);
		assertThat(budget.reserved()).isZero();
		assertThat(budget.kept()).isLessThanOrEqualTo(300_000);
		// the threads did compete for it: some reservations had to be refused
		assertThat(budget.refused()).isPositive();
	}

}
