package io.kintonemigrator.migration;

/**
 * More source records were skipped for permanent errors than the job's {@code skipLimit}
 * allows.
 */
public class SkipLimitExceededException extends RuntimeException {

	public SkipLimitExceededException(long skipped, int limit) {
		super(skipped + " source records were skipped for permanent errors, more than skipLimit " + limit
				+ "; see the ledger's errors, fix the cause or raise skipLimit, then run again");
	}

}
