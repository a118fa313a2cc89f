package io.kintonemigrator.kintone;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * kintone answered with an error: HTTP status, kintone's error {@code code} and
 * {@code id} (null when the body was not kintone's JSON, e.g. a plain-text 503), its
 * message, field errors for {@code CB_VA01}, whether retrying can help, and the server's
 * {@code Retry-After} if any.
 */
public class KintoneApiException extends KintoneException {

	private final int status;

	private final @Nullable String code;

	private final @Nullable String errorId;

	private final Map<String, List<String>> fieldErrors;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	public KintoneApiException(String operation, int status, @Nullable String code, @Nullable String errorId,
			String message, Map<String, List<String>> fieldErrors, boolean retryable, @Nullable Duration retryAfter) {
		super(operation + " failed: HTTP " + status + (code == null ? "" : " " + code) + " " + message);
		this.status = status;
		this.code = code;
		this.errorId = errorId;
		this.fieldErrors = Map.copyOf(fieldErrors);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	public int status() {
		return status;
	}

	public @Nullable String code() {
		return code;
	}

	public @Nullable String errorId() {
		return errorId;
	}

	public Map<String, List<String>> fieldErrors() {
		return fieldErrors;
	}

	public @Nullable Duration retryAfter() {
		return retryAfter;
	}

	@Override
	public boolean isRetryable() {
		return retryable;
	}

}
