package io.kintonemigrator.launch;

/**
 * The line a user reads when a run fails: the message of the first exception in the cause chain that
 * is not one of Spring's wrappers ("Unable to process chunk" says nothing about what went wrong).
 */
final class FailureMessages {

	private FailureMessages() {
	}

	static String of(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (!t.getClass().getName().startsWith("org.springframework.") && t.getMessage() != null) {
				return t.getMessage();
			}
		}
		return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
	}

}
