package io.kintonemigrator.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the attachment ledger.
 *
 * @param targetField the mapping's target field ({@code FIELD} or {@code TABLE.FIELD})
 * @param baseRevision the target record's revision the update was sent with
 * @param expectedCount how many files of this name and size the target field holds once the
 * update is applied
 * @param uploadKey the upload fileKey sent in the update (usable once, expires after 3 days)
 */
public record LedgerEntry(AttachmentRef ref, String fileName, long size, @Nullable String sha256,
		@Nullable Long targetRecord, @Nullable String targetField, @Nullable Long baseRevision,
		@Nullable Integer expectedCount, @Nullable String uploadKey, @Nullable Instant uploadedAt, LedgerStatus status,
		int attempts, @Nullable String error) {

	/** A row that records an attachment skipped for a permanent error. */
	public static LedgerEntry skipped(AttachmentRef ref, String fileName, long size, @Nullable Long targetRecord,
			@Nullable String targetField, String error) {
		return new LedgerEntry(ref, fileName, size, null, targetRecord, targetField, null, null, null, null,
				LedgerStatus.SKIPPED, 0, error);
	}

}
