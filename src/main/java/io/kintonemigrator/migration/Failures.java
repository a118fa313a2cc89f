package io.kintonemigrator.migration;

import org.jspecify.annotations.Nullable;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.transfer.AttachmentTooLargeException;
import io.kintonemigrator.transfer.UnsendableFileNameException;

/**
 * Sorts failures into per-record permanent ones (skip the record) and the rest (fail the
 * step).
 */
public final class Failures {

	/** kintone's codes for a wrong token, password or permission (kintone-api.md §8). */
	private static final Set<String> ACCESS_CODES = Set.of("GAIA_IA02", "GAIA_NO01", "CB_NO02", "CB_AU01", "CB_WA01",
			"GAIA_DA03");

	private Failures() {
	}

	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Permanent for this record: file gone, record gone, file too large, no permission —
	 * anything kintone says retrying cannot fix. Transient errors reach us only after the
	 * resilience layer gave up; they fail the step so a later run resumes.
	 */
	public static boolean isPermanent(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause instanceof AttachmentTooLargeException || cause instanceof UnsendableFileNameException
				|| cause instanceof FreshDownloadKeys.AttachmentGoneException
				|| (cause instanceof KintoneException kintone && !kintone.isRetryable() && !isConflict(kintone)
						&& !isAccessDenied(kintone));
	}

	/**
	 * The token, the password, the proxy's credentials (407) or their permissions are
	 * wrong: no record can be moved until the operator fixes them, so this fails the run
	 * (restartable) instead of skipping records that fixed credentials would move.
	 */
	static boolean isAccessDenied(Throwable failure) {
		return unwrap(failure) instanceof KintoneApiException api && (api.status() == 401 || api.status() == 403
				|| api.status() == 407 || (api.code() != null && ACCESS_CODES.contains(api.code())));
	}

	/**
	 * The access refusal somewhere in {@code failure}'s causes (as a failed job holds it,
	 * wrapped by Spring Batch), or null: a failure no run can get past until the operator
	 * fixes the credentials or their permissions.
	 */
	public static @Nullable KintoneApiException accessRefusal(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (isAccessDenied(t)) {
				return (KintoneApiException) unwrap(t);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

	static boolean isConflict(Throwable failure) {
		return unwrap(failure) instanceof KintoneApiException api
				&& (api.status() == 409 || "GAIA_CO02".equals(api.code()));
	}

	/** One line for the ledger and the report. */
	public static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

}
