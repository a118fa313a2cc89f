package io.kintonemigrator.migration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * A chunk-oriented step whose chunk size is chosen per step execution: the worker step of
 * the partitions, which runs pairs of different job files (each with its own
 * {@code limits.chunkSize}) and, on a remote worker, is built before any job is known.
 * Spring Batch 6's chunk-oriented step takes a fixed size, so this step builds one per
 * size asked for (all sharing the same step-scoped reader, processor, writer and
 * listeners) and runs the execution on the one of its size.
 */
final class ChunkSizedStep implements Step {

	private final String name;

	private final ToIntFunction<StepExecution> chunkSize;

	private final IntFunction<Step> stepOfSize;

	private final Map<Integer, Step> steps = new ConcurrentHashMap<>();

	/**
	 * @param name the step's name (that of every step built)
	 * @param chunkSize the chunk size of an execution (read before it starts)
	 * @param stepOfSize builds the step of a chunk size
	 */
	ChunkSizedStep(String name, ToIntFunction<StepExecution> chunkSize, IntFunction<Step> stepOfSize) {
		this.name = name;
		this.chunkSize = chunkSize;
		this.stepOfSize = stepOfSize;
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		steps.computeIfAbsent(chunkSize.applyAsInt(stepExecution), stepOfSize::apply).execute(stepExecution);
	}

}
