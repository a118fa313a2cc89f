package io.kintonemigrator.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneException;

/**
 * Which failures are worth another attempt. {@link KintoneException#isRetryable()} is the
 * source of truth (the client sets it: I/O errors, timeouts, 429, 500/502/503/504,
 * {@code GAIA_DA02}, {@code GAIA_RE18}); validation, permission and not-found errors, and
 * any bug in our own code, are tried once. A 429 is told apart: it says the domain is
 * busy, not broken, so it is waited out for a time ({@link BusyDomainRetry}) and never
 * counts as a failure.
 */
final class TransientFailures {

	/**
	 * kintone's 429 for too many cursors on the domain: busy, but not a matter of
	 * concurrency.
	 */
	static final String TOO_MANY_CURSORS = "GAIA_TM12";

	private TransientFailures() {
	}

	/**
	 * Worth another attempt by the retry layer (an open circuit may have closed by then);
	 * a busy domain was waited for already.
	 */
	static boolean shouldRetry(Throwable failure) {
		return isTransientKintoneFailure(failure) || failure instanceof CallNotPermittedException;
	}

	/**
	 * Counts against the circuit: only what says the domain is in trouble, never a 404, a
	 * validation error or a 429.
	 */
	static boolean isTransientKintoneFailure(Throwable failure) {
		return failure instanceof KintoneException kintone && kintone.isRetryable() && !isBusyDomain(failure);
	}

	/**
	 * HTTP 429: the domain asks us to slow down ({@code GAIA_TO04} concurrency,
	 * {@code GAIA_TM12} cursors).
	 */
	static boolean isBusyDomain(Throwable failure) {
		return failure instanceof KintoneApiException api && api.status() == 429;
	}

	/**
	 * A 429 for too many requests in flight on the domain (any 429 but the cursor
	 * limit's).
	 */
	static boolean isConcurrencyRefusal(Throwable failure) {
		return isBusyDomain(failure) && !TOO_MANY_CURSORS.equals(((KintoneApiException) failure).code());
	}

}
