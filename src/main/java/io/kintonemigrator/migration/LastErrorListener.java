package io.kintonemigrator.migration;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Keeps one line about why an execution failed in its job ExecutionContext
 * ({@link ExecutionKeys#LAST_ERROR}): the root cause's type and message. Spring Batch
 * itself keeps only the stack trace, cut to 2,500 characters, as the exit description,
 * which usually ends before the cause (e.g. "Unable to process chunk"). Our clients'
 * messages never hold credentials.
 */
final class LastErrorListener implements JobExecutionListener {

	private static final int MAX_LENGTH = 500;

	private final JobRepository jobRepository;

	LastErrorListener(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * A restart starts with its predecessor's job context: the error is that execution's,
	 * not this one's.
	 */
	@Override
	public void beforeJob(JobExecution execution) {
		execution.getExecutionContext().remove(ExecutionKeys.LAST_ERROR);
	}

	@Override
	public void afterJob(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (failures.isEmpty()) {
			if (execution.getExecutionContext().containsKey(ExecutionKeys.LAST_ERROR)) {
				execution.getExecutionContext().remove(ExecutionKeys.LAST_ERROR);
				jobRepository.updateExecutionContext(execution);
			}
			return;
		}
		Throwable root = failures.get(0);
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
		String line = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
		execution.getExecutionContext()
			.putString(ExecutionKeys.LAST_ERROR,
					line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…");
		// AbstractJob saves only the execution itself after its listeners, not the
		// context
		jobRepository.updateExecutionContext(execution);
	}

}
