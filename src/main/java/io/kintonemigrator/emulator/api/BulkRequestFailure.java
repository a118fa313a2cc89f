package io.kintonemigrator.emulator.api;

/**
 * A bulk request stopped at one sub-request; everything it did is rolled back. Rendered
 * as {@code {"results":[{}, …, error, …, {}]}} with the error at {@link #index()} and the
 * error's status.
 */
public final class BulkRequestFailure extends RuntimeException {

	private final int index;

	private final int requestCount;

	private final ApiException error;

	BulkRequestFailure(int index, int requestCount, ApiException error) {
		super("bulk request failed at request " + index + ": " + error.getMessage(), error, false, false);
		this.index = index;
		this.requestCount = requestCount;
		this.error = error;
	}

	public int index() {
		return this.index;
	}

	public int requestCount() {
		return this.requestCount;
	}

	public ApiException error() {
		return this.error;
	}

}
