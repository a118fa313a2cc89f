package io.kintonemigrator.cli;

import java.util.concurrent.CompletionException;

/**
 * The one line a failed run ends with: the message of the failure's first cause that is
 * not a Spring Batch wrapper. Spring Batch wraps what went wrong in a chunk in
 * {@code FatalStepExecutionException("Unable to process chunk")}, which tells a user
 * nothing.
 */
public final class FailureMessages {

	private FailureMessages() {
	}

	public static String of(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			boolean wrapper = t.getClass().getName().startsWith("org.springframework.batch.")
					|| t instanceof CompletionException;
			if (!wrapper && t.getMessage() != null) {
				return t.getMessage();
			}
		}
		return String.valueOf(failure.getMessage());
	}

}
