package io.kintonemigrator.launch;

import java.util.Set;

import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.StopRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Asks the executions of the migration job that run in this process to stop at their next
 * chunk boundary ({@link StopRequest}): they end STOPPED and resume when run again. The
 * step's own thread acts on the request, so the signal handler never writes the job
 * repository.
 */
class RunningJobStopper {

	private static final Logger logger = LoggerFactory.getLogger(RunningJobStopper.class);

	private final StopRequest stopRequest;

	private final JobRepository jobRepository;

	RunningJobStopper(StopRequest stopRequest, JobRepository jobRepository) {
		this.stopRequest = stopRequest;
		this.jobRepository = jobRepository;
	}

	/**
	 * @return whether an execution was asked to stop
	 */
	boolean stopAll() {
		stopRequest.request();
		Set<JobExecution> running = jobRepository
			.findRunningJobExecutions(AttachmentMigrationJobConfiguration.JOB_NAME);
		for (JobExecution execution : running) {
			// a stop the user asked for: INFO, no warning
			logger.info("Stopping execution " + execution.getId() + " at its next chunk boundary");
		}
		return !running.isEmpty();
	}

}
