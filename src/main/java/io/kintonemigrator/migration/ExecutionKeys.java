package io.kintonemigrator.migration;

/**
 * Keys of the counters a job execution persists in Spring Batch's ExecutionContexts, the
 * contract between the job (which writes them) and the {@code status} command and reports
 * (which read them). Counts are of the execution that holds them, not of the whole job.
 *
 * <p>
 * Step {@code migrate}: written at every chunk commit, so they survive a crash up to the
 * last checkpoint. Job: written by the {@code report} step (totals of the job's ledger).
 */
public final class ExecutionKeys {

	/** Step {@code migrate}: attachments attached to target records in this execution. */
	public static final String FILES_MOVED = "kam.filesMoved";

	/** Step {@code migrate}: bytes of those attachments. */
	public static final String BYTES_MOVED = "kam.bytesMoved";

	/**
	 * Step {@code migrate}: attachments skipped for a permanent error in this execution.
	 */
	public static final String FILES_SKIPPED = "kam.filesSkipped";

	/**
	 * Step {@code migrate}: calls retried by the resilience layer in this execution (each
	 * retry attempt counts once, preflight included).
	 */
	public static final String RETRIES = "kam.retries";

	/**
	 * Step {@code migrate}: calls in flight allowed per domain when the counters were
	 * saved, as {@code current/max} (e.g. {@code 37/50}; per domain when there are two);
	 * the limit adapts to how busy the domain is.
	 */
	public static final String CONCURRENCY = "kam.concurrency";

	/**
	 * Step {@code migrate}: the lowest that limit went in this execution, all domains (-1
	 * unknown).
	 */
	public static final String CONCURRENCY_LOWEST = "kam.concurrencyLowest";

	/**
	 * Step {@code migrate}: requests sent to the source app in this execution that
	 * kintone counts against the app's daily quota (every attempt, preflight included).
	 */
	public static final String SOURCE_REQUESTS = "kam.sourceRequests";

	/**
	 * Step {@code migrate}: requests sent to the target app in this execution that
	 * kintone counts against the app's daily quota (every attempt, preflight included).
	 */
	public static final String TARGET_REQUESTS = "kam.targetRequests";

	/**
	 * Step {@code migrate}: requests to the source app kintone does not count (downloads;
	 * every attempt).
	 */
	public static final String SOURCE_UNCOUNTED_REQUESTS = "kam.sourceUncountedRequests";

	/**
	 * Step {@code migrate}: requests to the target app kintone does not count (uploads,
	 * bulk updates; every attempt).
	 */
	public static final String TARGET_UNCOUNTED_REQUESTS = "kam.targetUncountedRequests";

	/**
	 * Step {@code migrate}: the reader's checkpoint, the {@code $id} of the last source
	 * record of the last committed chunk; a restart reads the records after it.
	 */
	public static final String LAST_SOURCE_ID = "sourceRecordReader." + SourceRecordReader.LAST_ID;

	/**
	 * Job: one line naming the root cause of a failed execution (type and message), when
	 * it failed.
	 */
	public static final String LAST_ERROR = "kam.lastError";

	/**
	 * Step {@code migrate}: source records with at least one attachment attached in this
	 * execution.
	 */
	public static final String RECORDS_UPDATED = "kam.recordsUpdated";

	/**
	 * Step {@code migrate}: source records with at least one attachment skipped in this
	 * execution.
	 */
	public static final String RECORDS_SKIPPED = "kam.recordsSkipped";

	/**
	 * Step {@code migrate}: source records left to read when this execution started (-1
	 * unknown).
	 */
	public static final String RECORDS_TO_READ = "kam.recordsToRead";

	/**
	 * Job: why the execution stopped on purpose (daily request budget, signal), when it
	 * did.
	 */
	public static final String STOP_REASON = "kam.stopReason";

	/** Job: attachments ATTACHED in the job's ledger once the job completed. */
	public static final String REPORT_ATTACHED = "report.attached";

	/** Job: bytes of the ATTACHED attachments. */
	public static final String REPORT_ATTACHED_BYTES = "report.attachedBytes";

	/** Job: attachments SKIPPED in the job's ledger. */
	public static final String REPORT_SKIPPED = "report.skipped";

	/** Job: source records with at least one skipped attachment. */
	public static final String REPORT_SKIPPED_RECORDS = "report.skippedRecords";

	private ExecutionKeys() {
	}

}
