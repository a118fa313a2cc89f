package io.kintonemigrator.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.kintonemigrator.kintone.KintoneException;

/**
 * Which failures are worth another attempt. {@link KintoneException#isRetryable()} is the source of
 * truth (the client sets it: I/O errors, timeouts, 429, 500/502/503/504, {@code GAIA_DA02},
 * {@code GAIA_RE18}); validation, permission and not-found errors, and any bug in our own code, are
 * tried once.
 */
final class TransientFailures {

	private TransientFailures() {
	}

	/** Worth another attempt by the retry layer (an open circuit may have closed by then). */
	static boolean shouldRetry(Throwable failure) {
		return isTransientKintoneFailure(failure) || failure instanceof CallNotPermittedException;
	}

	/** Counts against the circuit: only what says the domain is in trouble, never a 404 or a validation error. */
	static boolean isTransientKintoneFailure(Throwable failure) {
		return failure instanceof KintoneException kintone && kintone.isRetryable();
	}

}
