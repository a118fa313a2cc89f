package io.kintonemigrator.kintone;

/** Base of every failure of a kintone operation. */
public abstract class KintoneException extends RuntimeException {

	protected KintoneException(String message, Throwable cause) {
		super(message, cause);
	}

	protected KintoneException(String message) {
		super(message);
	}

	/** Whether the same operation may succeed if tried again later. */
	public abstract boolean isRetryable();

}
