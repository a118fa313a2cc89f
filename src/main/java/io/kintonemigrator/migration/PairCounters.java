package io.kintonemigrator.migration;

import java.util.List;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The {@link ExecutionKeys} counters of one app pair whose records moved in several
 * partitions ({@code $id} ranges) of one execution, as if one step had moved them: counts
 * and requests summed, the records left to read summed (unknown when one is unknown), the
 * lowest concurrency the lowest; retries and concurrency are the domains' (shared by the
 * partitions, {@link SharedDomainLimits}), so the largest and the last are kept.
 */
public final class PairCounters {

	private static final List<String> SUMMED = List.of(ExecutionKeys.FILES_MOVED, ExecutionKeys.BYTES_MOVED,
			ExecutionKeys.FILES_SKIPPED, ExecutionKeys.RECORDS_UPDATED, ExecutionKeys.RECORDS_SKIPPED,
			ExecutionKeys.SOURCE_REQUESTS, ExecutionKeys.TARGET_REQUESTS, ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS,
			ExecutionKeys.TARGET_UNCOUNTED_REQUESTS);

	private PairCounters() {
	}

	/** The counters of these partition steps together (empty when there are none). */
	public static ExecutionContext sum(List<StepExecution> steps) {
		ExecutionContext sum = new ExecutionContext();
		if (steps.isEmpty()) {
			return sum;
		}
		for (String key : SUMMED) {
			sum.putLong(key, steps.stream().mapToLong(step -> step.getExecutionContext().getLong(key, 0L)).sum());
		}
		boolean unknown = steps.stream()
			.anyMatch(step -> step.getExecutionContext().getLong(ExecutionKeys.RECORDS_TO_READ, -1L) < 0);
		sum.putLong(ExecutionKeys.RECORDS_TO_READ,
				unknown ? -1
						: steps.stream()
							.mapToLong(step -> step.getExecutionContext().getLong(ExecutionKeys.RECORDS_TO_READ, 0L))
							.sum());
		sum.putLong(ExecutionKeys.RETRIES,
				steps.stream()
					.mapToLong(step -> step.getExecutionContext().getLong(ExecutionKeys.RETRIES, 0L))
					.max()
					.orElse(0));
		sum.putLong(ExecutionKeys.CONCURRENCY_LOWEST,
				steps.stream()
					.mapToLong(step -> step.getExecutionContext().getLong(ExecutionKeys.CONCURRENCY_LOWEST, -1L))
					.filter(lowest -> lowest >= 0)
					.min()
					.orElse(-1));
		sum.putString(ExecutionKeys.CONCURRENCY,
				steps.get(steps.size() - 1).getExecutionContext().getString(ExecutionKeys.CONCURRENCY, ""));
		return sum;
	}

}
