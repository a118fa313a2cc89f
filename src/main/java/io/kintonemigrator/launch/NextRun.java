package io.kintonemigrator.launch;

import io.kintonemigrator.migration.ExecutionKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What {@code migrate} does next for a job instance, decided from the instance's last
 * execution. The one place this is decided: {@link MigrationLauncher} acts on it and
 * {@code status} shows it.
 *
 * @param last the instance's last execution, null when it has none
 */
public record NextRun(Action action, @Nullable JobExecution last) {

	public static NextRun after(@Nullable JobExecution last) {
		if (last == null) {
			return new NextRun(Action.START, null);
		}
		BatchStatus status = last.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return new NextRun(Action.NOTHING, last);
		}
		if (status == BatchStatus.ABANDONED) {
			return new NextRun(Action.ABANDONED, last);
		}
		if (status == BatchStatus.UNKNOWN) {
			return new NextRun(Action.FAIL_THEN_RESUME, last);
		}
		if (status.isRunning()) {
			// the job repository's H2 file cannot be opened by two processes, so no other
			// process runs it
			return new NextRun(Action.RECOVER_THEN_RESUME, last);
		}
		return new NextRun(Action.RESUME, last);
	}

	/**
	 * One line for {@code status}.
	 * @param lastMigrateStep the instance's last execution of step {@code migrate}, whose
	 * context holds the checkpoint a restart resumes from; null when the step never ran
	 */
	public String describe(@Nullable StepExecution lastMigrateStep) {
		return switch (action) {
			case START -> "start the job";
			case NOTHING -> "nothing: the job completed";
			case ABANDONED -> "nothing: the job was abandoned; give the job a new name to start it again";
			case RESUME -> "resume " + checkpoint(lastMigrateStep);
			case RECOVER_THEN_RESUME -> "recover execution " + last.getId() + " (left " + last.getStatus()
					+ " by a process that stopped abruptly), then resume " + checkpoint(lastMigrateStep);
			case FAIL_THEN_RESUME -> "mark execution " + last.getId() + " FAILED (left UNKNOWN when the job "
					+ "database failed mid-chunk), then resume " + checkpoint(lastMigrateStep);
		};
	}

	private static String checkpoint(@Nullable StepExecution step) {
		if (step == null) {
			return "from the first source record (no record was read yet)";
		}
		if (step.getStatus() == BatchStatus.COMPLETED) {
			return "after the migrate step, which completed (every source record was read)";
		}
		long lastId = step.getExecutionContext().getLong(ExecutionKeys.LAST_SOURCE_ID, 0L);
		return lastId == 0 ? "from the first source record (no chunk was committed yet)"
				: "from the checkpoint after source record $id " + lastId;
	}

	enum Action {

		/** No execution yet: a first run. */
		START,
		/** The last execution FAILED or STOPPED: restart it from its checkpoint. */
		RESUME,
		/**
		 * The last execution was left STARTING/STARTED/STOPPING by a process that died:
		 * recover, then restart.
		 */
		RECOVER_THEN_RESUME,
		/**
		 * The last execution is UNKNOWN: the job database failed while a chunk committed
		 * (Spring Batch could neither commit nor roll back), so whether that chunk's
		 * checkpoint was saved is not known. Spring Batch refuses to restart it; the
		 * ledger's intents make redoing the chunk safe, so it is marked FAILED and
		 * restarted from the last saved checkpoint.
		 */
		FAIL_THEN_RESUME,
		/** The job completed. */
		NOTHING,
		/** The job was abandoned and cannot restart. */
		ABANDONED

	}

}
