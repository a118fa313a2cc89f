package io.kintonemigrator.kintone;

/**
 * The client's own protection refused a call before kintone saw it, or gave up waiting:
 * the domain's circuit is open, or no concurrency slot or rate permit came free in time.
 * Retryable: the same call may succeed later, so a job should stop (restartably) rather
 * than skip the record.
 */
public class KintoneRejectedException extends KintoneException {

	public KintoneRejectedException(String operation, String reason, Throwable cause) {
		super(operation + " refused: " + reason, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
