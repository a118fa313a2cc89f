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

	/** With {@code reason} in the message instead of the cause's own text. */
	public KintoneTransportException(String operation, String reason, IOException cause) {
		super(operation + " failed: " + reason, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
