package io.kintonemigrator.launch;

import java.util.Set;

import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Asks the executions of the migration job that run in this process to stop at their next chunk
 * boundary ({@link JobOperator#stop}): they end STOPPED and resume when run again.
 */
class RunningJobStopper {

	private static final Log logger = LogFactory.getLog(RunningJobStopper.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	RunningJobStopper(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/** @return whether an execution was asked to stop */
	boolean stopAll() {
		Set<JobExecution> running = jobRepository.findRunningJobExecutions(AttachmentMigrationJobConfiguration.JOB_NAME);
		boolean stopped = false;
		for (JobExecution execution : running) {
			try {
				jobOperator.stop(execution);
				logger.warn("Stopping execution " + execution.getId() + " at its next chunk boundary");
				stopped = true;
			}
			catch (Exception ex) {
				logger.warn("Could not stop execution " + execution.getId() + ": " + ex.getMessage());
			}
		}
		return stopped;
	}

}
