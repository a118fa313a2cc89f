package io.kintonemigrator.migration;

/**
 * A source record has no target record and the job says {@code onMissingTarget: fail}.
 */
public class MissingTargetException extends RuntimeException {

	public MissingTargetException(String message) {
		super(message);
	}

}
