package io.kintonemigrator.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.ledger.JobLockedException;
import io.kintonemigrator.ledger.JobLocks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The manager's view of the partitions its workers run, read from the shared job
 * repository on every poll: it logs each partition as a worker starts and ends it, and
 * fails a partition whose worker is gone, so the manager step ends instead of waiting for
 * it forever.
 * <p>
 * A partition is lost when it is STARTED and its {@link PartitionLeases claim} can be
 * taken over: its heartbeat is older than the lease ({@code kam.lock.lease}), or its
 * process is gone on this machine. Taking the claim over fences the worker off, should it
 * only have stalled; the partition is then marked FAILED with a line saying so, and the
 * manager's next run re-runs it on a live worker (completed partitions are not run
 * again). A worker that ended the partition in the meantime wins: its update came first,
 * and the manager's fails on the step execution's version. Partitions that wait in the
 * queue (STARTING) are never touched. Not thread-safe: one poller per manager step.
 */
final class LostPartitions {

	private static final Logger logger = LoggerFactory.getLogger(LostPartitions.class);

	private final JobRepository jobRepository;

	private final JobLocks locks;

	private final Duration lease;

	private final Set<Long> started = new HashSet<>();

	private final Set<Long> ended = new HashSet<>();

	LostPartitions(JobRepository jobRepository, JobLocks locks, Duration lease) {
		this.jobRepository = jobRepository;
		this.locks = locks;
		this.lease = lease;
	}

	/**
	 * Reads the partitions of the manager step's job execution (every step execution but
	 * the manager's own that was created after it), logs what changed and fails the lost
	 * ones.
	 * @return the partitions it failed
	 */
	List<StepExecution> poll(StepExecution manager) {
		JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
		List<StepExecution> failed = new ArrayList<>();
		if (job == null) {
			return failed;
		}
		List<StepExecution> partitions = job.getStepExecutions()
			.stream()
			.filter(step -> step.getId() > manager.getId())
			.toList();
		for (StepExecution partition : partitions) {
			BatchStatus status = partition.getStatus();
			if (status == BatchStatus.STARTED && started.add(partition.getId())) {
				logger.info("Partition {} started on {}", partition.getStepName(), worker(partition));
			}
			if (!status.isRunning() && ended.add(partition.getId())) {
				logger.info("Partition {} {} ({} of {} partitions ended)", partition.getStepName(), status,
						ended.size(), partitions.size());
			}
			if (status == BatchStatus.STARTED && failIfLost(partition)) {
				failed.add(partition);
			}
		}
		return failed;
	}

	private String worker(StepExecution partition) {
		return locks.holder(PartitionLeases.name(partition.getId()))
			.map(holder -> "worker process " + holder.pid() + " on host " + holder.host())
			.orElse("a worker");
	}

	private boolean failIfLost(StepExecution partition) {
		JobLocks.Held claim;
		try {
			claim = locks.acquire(PartitionLeases.name(partition.getId()));
		}
		catch (JobLockedException ex) {
			return false; // its worker is alive
		}
		try (claim) {
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED.addExitDescription("the worker running partition "
					+ partition.getStepName() + " stopped (no heartbeat for " + lease.toSeconds()
					+ " s, or its process is gone); run the manager again to re-run this partition"));
			partition.setEndTime(LocalDateTime.now());
			jobRepository.update(partition);
		}
		catch (OptimisticLockingFailureException ex) {
			return false; // the worker ended it in the meantime
		}
		ended.add(partition.getId());
		logger.warn("Partition {} FAILED: its worker stopped without ending it; the manager's next run re-runs it",
				partition.getStepName());
		return true;
	}

}
