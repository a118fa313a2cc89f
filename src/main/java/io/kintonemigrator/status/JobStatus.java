package io.kintonemigrator.status;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code status} found: every job instance shown, and for {@code --job FILE} what
 * {@code migrate} with that file would do. Printed as text ({@link StatusReport}) or, as
 * is, as JSON ({@code --json}).
 *
 * @param databaseExists false when the default H2 file does not exist yet (no executions)
 * @param jobFile the job file's view; null without {@code --job}
 */
record JobStatus(boolean databaseExists, List<Instance> jobs, @Nullable JobFile jobFile) {

	/**
	 * One job instance: a job name and the fingerprint of its job file.
	 *
	 * @param run which run an instance of its own is: {@code migrate --since-last-run} or
	 * {@code migrate --retry-skipped}, and when it started; null for the job's full run
	 * @param current false for an earlier version of the given job file (migrate with the
	 * current file does not resume it); true without {@code --job}
	 * @param nextMigrate what migrate would do next; null when not current
	 */
	record Instance(String name, long instance, @Nullable String fingerprint, @Nullable String jobFile,
			@Nullable String run, List<Execution> executions, boolean current, @Nullable String nextMigrate) {
	}

	/**
	 * One execution; {@code migrate} is null when its step {@code migrate} did not run.
	 */
	record Execution(long id, String status, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime endedAt,
			@Nullable MigrateStep migrate, @Nullable String lastError) {
	}

	/**
	 * The counts of an execution's step {@code migrate}, named and counted as in the
	 * summary table and {@code summary.json} of that execution: source records read,
	 * those with at least one attachment attached ({@code recordsUpdated}) or skipped
	 * ({@code recordsSkipped}; a record can be both), those without any attachment in the
	 * mapped fields; files moved (attached) and skipped. A counter the execution holds
	 * none of is null (executions of older versions).
	 */
	record MigrateStep(long recordsRead, @Nullable Long recordsUpdated, @Nullable Long recordsSkipped,
			long recordsWithoutAttachments, @Nullable Long filesMoved, @Nullable Long bytesMoved,
			@Nullable Long filesSkipped, @Nullable Long retries, Requests sourceRequests, Requests targetRequests) {
	}

	/**
	 * Requests to one app: {@code counted} against kintone's daily quota, or not.
	 */
	record Requests(@Nullable Long counted, @Nullable Long notCounted) {
	}

	/**
	 * The given job file: its name, fingerprint, whether the job instance of this very
	 * file has executions, and what migrate would do next with it.
	 */
	record JobFile(String name, String fingerprint, boolean hasExecutions, String nextMigrate) {
	}

}
