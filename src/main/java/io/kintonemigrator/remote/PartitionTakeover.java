package io.kintonemigrator.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.ledger.JobLockedException;
import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.migration.AbandonedPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before a re-run manager recovers the execution a killed manager left running, takes
 * over the {@link PartitionLeases claim} of every partition still STARTED, so that no
 * worker writes for it once the recovery has it sent again, and of every partition still
 * waiting in the queue (STARTING), so that no worker starts it before the execution is
 * recovered (a worker reads the partition again once it holds the claim). A live claim
 * (heartbeat younger than {@code kam.lock.lease} and, on this machine, its process alive)
 * is waited for, read again every poll interval ({@code kam.remote.poll-interval}), with
 * one line per partition saying which worker it waits for, until its worker releases it
 * or it goes stale; a stale claim is taken over at once. Taking a claim over fences its
 * worker: one that only stalled fails its next write to kintone instead of writing. The
 * claims are released once the execution is recovered: the recovery marks the partition
 * FAILED and the resumed execution runs its range again under a new step execution, with
 * a claim of its own. A worker that ended its partition while the manager waited leaves
 * it ended, and the resume does not run it again if it completed.
 */
final class PartitionTakeover implements AbandonedPartitions {

	private static final Logger logger = LoggerFactory.getLogger(PartitionTakeover.class);

	private final JobRepository jobRepository;

	private final JobLocks locks;

	private final Duration pollInterval;

	PartitionTakeover(JobRepository jobRepository, JobLocks locks, Duration pollInterval) {
		this.jobRepository = jobRepository;
		this.locks = locks;
		this.pollInterval = pollInterval;
	}

	/**
	 * Takes over the claims of the execution's running (STARTING or STARTED) step
	 * executions, as read from the job repository now (the manager step's own has no
	 * claim: taking it is immediate); closing the result releases them.
	 */
	@Override
	public TakenOver takeOver(JobExecution abandoned) throws InterruptedException {
		JobExecution current = jobRepository.getJobExecution(abandoned.getId());
		JobExecution execution = current != null ? current : abandoned;
		List<JobLocks.Held> claims = new ArrayList<>();
		try {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					claims.add(takeOver(step));
				}
			}
		}
		catch (InterruptedException | RuntimeException ex) {
			claims.forEach(JobLocks.Held::close);
			throw ex;
		}
		return () -> claims.forEach(JobLocks.Held::close);
	}

	private JobLocks.Held takeOver(StepExecution partition) throws InterruptedException {
		String claim = PartitionLeases.name(partition.getId());
		boolean waiting = false;
		while (true) {
			try {
				return locks.acquire(claim);
			}
			catch (JobLockedException ex) {
				if (!waiting) {
					logger.info("Waiting for worker {}/{} to end partition {} before recovering its execution",
							ex.holder().host(), ex.holder().pid(), partition.getStepName());
					waiting = true;
				}
				Thread.sleep(pollInterval.toMillis());
			}
		}
	}

}
