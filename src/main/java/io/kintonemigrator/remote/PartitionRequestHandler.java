package io.kintonemigrator.remote;

import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.ledger.JobLockedException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * A worker's answer to one partition request: runs the partition through Spring Batch
 * Integration's {@link StepExecutionRequestHandler} while holding the partition's
 * {@linkplain PartitionLeases claim}, and only when the partition still waits for a
 * worker (read again once the claim is held: a manager re-run after a kill holds the
 * claims of the waiting partitions while it recovers their execution): a request for a
 * partition that already ran, runs elsewhere or belongs to an execution that is over (a
 * request redelivered after a worker died, or left in a persistent broker by an earlier
 * run) is dropped with a line saying why. The worker records the partition's end in the
 * job repository (the manager polls it); nothing is sent back. Thread-safe: the listener
 * container calls it from each of its consumers.
 */
final class PartitionRequestHandler {

	private static final Logger logger = LoggerFactory.getLogger(PartitionRequestHandler.class);

	private final JobRepository jobRepository;

	private final StepExecutionRequestHandler delegate;

	private final PartitionLeases leases;

	private final AtomicInteger running = new AtomicInteger();

	PartitionRequestHandler(JobRepository jobRepository, StepExecutionRequestHandler delegate, PartitionLeases leases) {
		this.jobRepository = jobRepository;
		this.delegate = delegate;
		this.leases = leases;
	}

	/** Runs the requested partition if it waits for a worker; returns its execution. */
	public @Nullable StepExecution handle(StepExecutionRequest request) {
		long id = request.getStepExecutionId();
		StepExecution partition = jobRepository.getStepExecution(id);
		String refusal = refusal(partition);
		if (refusal != null) {
			logger.warn("Dropped the request for step execution {}: {}", id, refusal);
			return partition;
		}
		PartitionLeases.Claim claim;
		try {
			claim = leases.claim(id);
		}
		catch (JobLockedException ex) {
			logger.warn("Dropped the request for step execution {}: another worker runs it", id);
			return partition;
		}
		try (claim) {
			// read again: a re-run manager may have recovered its execution meanwhile
			partition = jobRepository.getStepExecution(id);
			refusal = refusal(partition);
			if (refusal != null) {
				logger.warn("Dropped the request for step execution {}: {}", id, refusal);
				return partition;
			}
			running.incrementAndGet();
			logger.info("Running partition {} (step execution {}, job execution {})", partition.getStepName(), id,
					partition.getJobExecutionId());
			StepExecution ended = delegate.handle(request);
			logger.info("Partition {} {}: {} read, {} written, {} skipped", ended.getStepName(), ended.getStatus(),
					ended.getReadCount(), ended.getWriteCount(), ended.getSkipCount());
			return ended;
		}
		finally {
			running.decrementAndGet();
		}
	}

	/** How many partitions this worker runs now. */
	int running() {
		return running.get();
	}

	private static @Nullable String refusal(@Nullable StepExecution partition) {
		if (partition == null) {
			return "no such step execution in the job repository (another job database?)";
		}
		if (partition.getStatus() != BatchStatus.STARTING) {
			return "partition " + partition.getStepName() + " is " + partition.getStatus() + ", not waiting";
		}
		if (!partition.getJobExecution().isRunning()) {
			return "its job execution " + partition.getJobExecutionId() + " is "
					+ partition.getJobExecution().getStatus();
		}
		return null;
	}

}
