package io.kintonemigrator.migration.budget;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next chunk's counted requests: learnt from the chunks so far, but never more than a
 * fresh day holds.
 */
class BudgetEstimateTests {

	@Test
	void aChunkNeedsItsPagesOrItsLookupAndConflictRoomWhateverItsFiles() {
		BudgetEstimate estimate = new BudgetEstimate(100, 0);

		assertThat(estimate.sourceRequests()).isEqualTo(2);
		assertThat(estimate.targetRequests()).isEqualTo(3);
	}

	@Test
	void aChunkThatNeededMoreRaisesTheEstimateAlsoAfterARestart() {
		BudgetEstimate estimate = new BudgetEstimate(100, 1_000);
		estimate.chunkDone(4, 9);
		ExecutionContext context = new ExecutionContext();
		estimate.saveTo(context);

		BudgetEstimate restarted = new BudgetEstimate(100, 1_000);
		restarted.restoreFrom(context);

		assertThat(restarted.sourceRequests()).isEqualTo(4);
		assertThat(restarted.targetRequests()).isEqualTo(9);
	}

	@Test
	void neverMoreThanAFreshDayHoldsAfterPreflightSoEveryDayStartsAChunk() {
		// budget 8: the source keeps 3 for preflight and the count, the target 2 for
		// preflight
		BudgetEstimate estimate = new BudgetEstimate(100, 8);
		estimate.chunkDone(40, 40); // a chunk with many retries

		assertThat(estimate.sourceRequests()).isEqualTo(5);
		assertThat(estimate.targetRequests()).isEqualTo(6);
		assertThat(new BudgetEstimate(100, 0).sourceRequests()).as("no budget, no cap").isEqualTo(2);
	}

}
