package io.kintonemigrator.kintone;

import java.io.IOException;

/**
 * The request did not complete: connection refused or reset, timeout, truncated body.
 * Retryable.
 */
public class KintoneTransportException extends KintoneException {

	public KintoneTransportException(String operation, IOException cause) {
		super(operation + " failed: " + cause, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
