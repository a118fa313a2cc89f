package io.kintonemigrator.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the attachment ledger.
 *
 * @param fileIndex the file's position in its source FILE value when the row was written
 * (reports only)
 * @param sourceFileKey the source's record fileKey when the row was written
 * @param sha256 the SHA-256 of the bytes moved (null until moved)
 * @param target where the attachment goes: target app, record and field
 * @param intent what a restart needs to tell whether the update carrying it was applied
 * (null unless an update was sent)
 * @param fingerprint the job file's fingerprint when the row was written
 */
public record LedgerEntry(AttachmentRef ref, int fileIndex, @Nullable String sourceFileKey, @Nullable String sha256,
		@Nullable Target target, @Nullable Intent intent, LedgerStatus status, int attempts, @Nullable String error,
		@Nullable String fingerprint) {

	/**
	 * Where an attachment goes.
	 *
	 * @param app the target app ({@code baseUrl|app|guestSpaceId}); null on rows written
	 * before 2.0
	 * @param record the target record (null when none was found)
	 * @param field the mapping's target field ({@code FIELD} or {@code TABLE.FIELD})
	 */
	public record Target(@Nullable String app, @Nullable Long record, String field) {
	}

	/**
	 * An update that was (maybe) sent.
	 *
	 * @param baseRevision the target record's revision the update was sent with
	 * @param expectedCount how many files of this name and size the target field holds
	 * once the update is applied (a FILE column: all rows)
	 * @param expectedTotal how many files the target field holds once applied (null on
	 * rows written before 2.0)
	 * @param uploadKey the upload fileKey sent in the update (usable once, expires after
	 * 3 days)
	 */
	public record Intent(long baseRevision, int expectedCount, @Nullable Integer expectedTotal, String uploadKey,
			Instant uploadedAt) {
	}

	public String fileName() {
		return ref.fileName();
	}

	public long size() {
		return ref.fileSize();
	}

	public @Nullable Long targetRecord() {
		return target == null ? null : target.record();
	}

	public @Nullable String targetField() {
		return target == null ? null : target.field();
	}

	/** A row that records an attachment skipped for a permanent error. */
	public static LedgerEntry skipped(AttachmentRef ref, int fileIndex, @Nullable String sourceFileKey,
			@Nullable Target target, String error, String fingerprint) {
		return new LedgerEntry(ref, fileIndex, sourceFileKey, null, target, null, LedgerStatus.SKIPPED, 0, error,
				fingerprint);
	}

}
