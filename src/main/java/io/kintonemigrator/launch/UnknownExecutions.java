package io.kintonemigrator.launch;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Makes an execution that Spring Batch left UNKNOWN restartable. Spring Batch sets
 * UNKNOWN when a chunk's commit failed and its rollback failed too (the job database went
 * away mid-commit), and then refuses to restart it ("Manual intervention is probably
 * necessary"). Here the ledger decides what is on kintone, not the checkpoint: a chunk
 * whose commit was lost is read again, its intents are reconciled against the target
 * records and nothing is attached twice. So the execution and its unfinished steps are
 * marked FAILED (end time set, exit status saying why) through the job repository, and
 * the caller restarts it from the last checkpoint the database kept. The caller holds the
 * job's lock.
 */
final class UnknownExecutions {

	static final String REASON = "left UNKNOWN when the job database failed mid-chunk; marked FAILED to resume";

	private UnknownExecutions() {
	}

	static void markFailed(JobRepository jobRepository, JobExecution execution) {
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			BatchStatus status = step.getStatus();
			if (status == BatchStatus.UNKNOWN || status.isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED.addExitDescription(REASON));
				if (step.getEndTime() == null) {
					step.setEndTime(now);
				}
				jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(REASON));
		if (execution.getEndTime() == null) {
			execution.setEndTime(now);
		}
		jobRepository.update(execution);
	}

}
