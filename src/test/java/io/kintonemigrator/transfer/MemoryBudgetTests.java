package io.kintonemigrator.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static io.kintonemigrator.transfer.MemoryBudget.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MemoryBudgetTests {

	@Test
	void handsOutBlocksThatFitAndRefusesTheRest() {
		MemoryBudget budget = new MemoryBudget(4L * BLOCK);

		byte[][] two = budget.take(BLOCK + 1);
		assertThat(two).hasNumberOfRows(2);
		assertThat(List.of(two)).allSatisfy((block) -> assertThat(block).hasSize(BLOCK));
		assertThat(budget.take(2L * BLOCK + 1)).isNull();
		assertThat(budget.take(0)).hasNumberOfRows(1);
		assertThat(budget.take(BLOCK)).hasNumberOfRows(1);
		assertThat(budget.take(1)).isNull();
		budget.give(two);
		assertThat(budget.take(2L * BLOCK)).hasNumberOfRows(2);

		assertThat(budget.reserved()).isEqualTo(4L * BLOCK);
		assertThat(budget.peak()).isEqualTo(4L * BLOCK);
		assertThat(budget.refused()).isEqualTo(2);
	}

	@Test
	void givenBlocksAreReusedSoNoMoreThanTheCapacityIsEverAllocated() {
		MemoryBudget budget = new MemoryBudget(3L * BLOCK);
		Set<byte[]> allocated = Collections.newSetFromMap(new IdentityHashMap<>());
		for (int size : new int[] { 100_000, 1, 3 * BLOCK, 70_000, 2 * BLOCK + 5, 10 }) {
			byte[][] blocks = budget.take(size);
			assertThat(blocks).isNotNull();
			allocated.addAll(List.of(blocks));
			budget.give(blocks);
		}

		assertThat(allocated).hasSize(3);
		assertThat(budget.kept()).isEqualTo(3L * BLOCK);
		assertThat(budget.reserved()).isZero();
	}

	@Test
	void givingBackWhatWasNotHandedOutIsABug() {
		MemoryBudget budget = new MemoryBudget(4L * BLOCK);
		budget.take(1);

		assertThatIllegalStateException().isThrownBy(() -> budget.give(new byte[][] { new byte[10] }));
		assertThatIllegalStateException()
			.isThrownBy(() -> budget.give(new byte[][] { new byte[BLOCK], new byte[BLOCK] }));
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
		long capacity = 10L * BLOCK;
		MemoryBudget budget = new MemoryBudget(capacity);
		AtomicLong held = new AtomicLong();
		AtomicLong mostHeld = new AtomicLong();
		Set<byte[]> allocated = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		try {
			for (int t = 0; t < 8; t++) {
				workers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 20_000; i++) {
						byte[][] blocks = budget.take(ThreadLocalRandom.current().nextInt(1, 4 * BLOCK));
						if (blocks != null) {
							// what the holders hold, counted by them, not by the budget
							long bytes = 0;
							for (byte[] block : blocks) {
								bytes += block.length;
								allocated.add(block);
							}
							mostHeld.accumulateAndGet(held.addAndGet(bytes), Math::max);
							held.addAndGet(-bytes);
							budget.give(blocks);
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

		assertThat(mostHeld.get()).isLessThanOrEqualTo(capacity);
		assertThat(budget.peak()).isLessThanOrEqualTo(capacity);
		assertThat(budget.reserved()).isZero();
		assertThat((long) allocated.size() * BLOCK).isLessThanOrEqualTo(capacity);
		// the threads did compete for it: some takes had to be refused
		assertThat(budget.refused()).isPositive();
	}

}
