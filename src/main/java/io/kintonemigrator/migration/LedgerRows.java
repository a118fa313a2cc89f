package io.kintonemigrator.migration;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;

import org.jspecify.annotations.Nullable;

/**
 * Builds the job's ledger rows and says which earlier rows still hold for the job file as
 * it is now: a row names the target app and field its file went to and the job file's
 * fingerprint, so a row written for another target app, another target field or another
 * source file (same name and size, other record fileKey) is never taken as done.
 * Thread-safe.
 */
final class LedgerRows {

	private final String targetApp;

	private final String fingerprint;

	LedgerRows(JobConfig config) {
		this.targetApp = targetApp(config);
		this.fingerprint = config.fingerprint();
	}

	/** The target app's identity in the ledger: base URL, app and guest space. */
	static String targetApp(JobConfig config) {
		return config.target().baseUrl() + "|" + config.target().app().value() + "|" + config.target().guestSpaceId();
	}

	String targetApp() {
		return targetApp;
	}

	/**
	 * The row was written for this target app (rows from before 2.0 name none and count
	 * for any).
	 */
	boolean sameTargetApp(LedgerEntry row) {
		return row.target() != null && (row.target().app() == null || row.target().app().equals(targetApp));
	}

	/**
	 * The row was written for this target app and the field the attachment maps to now.
	 */
	boolean sameTarget(LedgerEntry row, SourceAttachment attachment) {
		return sameTargetApp(row) && attachment.targetField().equals(row.targetField());
	}

	/** The row is about the same source file (rows from before 2.0 name no fileKey). */
	static boolean sameSourceFile(LedgerEntry row, SourceAttachment attachment) {
		return row.sourceFileKey() == null || row.sourceFileKey().equals(attachment.file().fileKey().value());
	}

	/** A skip that still holds: made under this very job file, for this file. */
	boolean skipStands(LedgerEntry row, SourceAttachment attachment) {
		return row.status() == LedgerStatus.SKIPPED && fingerprint.equals(row.fingerprint())
				&& sameSourceFile(row, attachment);
	}

	/**
	 * An attachment that is done: on this target app and field, from this source file.
	 */
	boolean attachedHere(LedgerEntry row, SourceAttachment attachment) {
		return row.status() == LedgerStatus.ATTACHED && sameTarget(row, attachment) && sameSourceFile(row, attachment);
	}

	LedgerEntry intent(PendingAttachment pending, long targetRecord, long baseRevision, int expectedCount,
			int expectedTotal) {
		return row(pending, targetRecord, new LedgerEntry.Intent(baseRevision, expectedCount, expectedTotal,
				pending.uploadKey().value(), pending.uploadedAt()), LedgerStatus.INTENT);
	}

	LedgerEntry attached(PendingAttachment pending, long targetRecord, LedgerEntry.@Nullable Intent intent) {
		return row(pending, targetRecord, intent, LedgerStatus.ATTACHED);
	}

	/**
	 * An ATTACHED row for an earlier row whose file is on the target (its intent was
	 * applied).
	 */
	LedgerEntry attached(LedgerEntry earlier, SourceAttachment attachment) {
		return new LedgerEntry(attachment.ref(), attachment.fileIndex(), attachment.file().fileKey().value(),
				earlier.sha256(), earlier.target(), earlier.intent(), LedgerStatus.ATTACHED, 0, null, fingerprint);
	}

	LedgerEntry skipped(SourceAttachment attachment, @Nullable Long targetRecord, String reason) {
		return LedgerEntry.skipped(attachment.ref(), attachment.fileIndex(), attachment.file().fileKey().value(),
				new LedgerEntry.Target(targetApp, targetRecord, attachment.targetField()), reason, fingerprint);
	}

	private LedgerEntry row(PendingAttachment pending, long targetRecord, LedgerEntry.@Nullable Intent intent,
			LedgerStatus status) {
		SourceAttachment attachment = pending.attachment();
		return new LedgerEntry(attachment.ref(), attachment.fileIndex(), attachment.file().fileKey().value(),
				pending.sha256(), new LedgerEntry.Target(targetApp, targetRecord, attachment.targetField()), intent,
				status, 0, null, fingerprint);
	}

}
