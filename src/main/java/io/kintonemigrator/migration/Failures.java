package io.kintonemigrator.migration;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.transfer.AttachmentTooLargeException;
import io.kintonemigrator.transfer.UnsendableFileNameException;

/** Sorts failures into per-record permanent ones (skip the record) and the rest (fail the step). */
final class Failures {

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
	 * Permanent for this record: file gone, record gone, file too large, no permission — anything
	 * kintone says retrying cannot fix. Transient errors reach us only after the resilience layer
	 * gave up; they fail the step so a later run resumes.
	 */
	static boolean isPermanent(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause instanceof AttachmentTooLargeException || cause instanceof UnsendableFileNameException
				|| cause instanceof FreshDownloadKeys.AttachmentGoneException || (cause instanceof KintoneException kintone && !kintone.isRetryable() && !isConflict(kintone));
	}

	static boolean isConflict(Throwable failure) {
		return unwrap(failure) instanceof KintoneApiException api
				&& (api.status() == 409 || "GAIA_CO02".equals(api.code()));
	}

	/** One line for the ledger and the report. */
	static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

}
