package io.kintonemigrator.migration;

import java.util.List;

import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;

/**
 * A download key read with the source record may stop working before the file is fetched
 * (kintone answers 404 {@code GAIA_BL01}; whether record file keys are stable is not
 * documented). This re-reads the source record and finds the same attachment again, at
 * the same place (field, row id, position) with the same name and size, so it can be
 * fetched with the key kintone hands out now. When the record or the attachment is gone,
 * the failure says so in words for the report. Thread-safe (the client is).
 */
final class FreshDownloadKeys {

	private final KintoneClient source;

	FreshDownloadKeys(KintoneClient source) {
		this.source = source;
	}

	/**
	 * Whether this failure of a download means the key no longer works (and the record
	 * may give a new one).
	 */
	static boolean isStaleKey(Throwable failure) {
		return Failures.unwrap(failure) instanceof KintoneApiException api && api.status() == 404
				&& "GAIA_BL01".equals(api.code());
	}

	/**
	 * The attachment as the source record holds it now.
	 * @throws AttachmentGoneException when the record was deleted or no longer holds this
	 * attachment
	 */
	FileInfo refresh(SourceAttachment attachment) {
		KintoneRecord record;
		try {
			record = source.record(attachment.sourceRecord());
		}
		catch (KintoneApiException ex) {
			if (ex.status() == 404 || "GAIA_RE01".equals(ex.code())) {
				throw new AttachmentGoneException(
						"source record " + attachment.sourceRecord() + " was deleted during the migration");
			}
			throw ex;
		}
		List<FileInfo> files = filesAt(record, attachment);
		if (attachment.fileIndex() < files.size()) {
			FileInfo now = files.get(attachment.fileIndex());
			if (now.name().equals(attachment.file().name()) && now.size() == attachment.file().size()) {
				return now;
			}
		}
		throw new AttachmentGoneException(
				"'" + attachment.file().name() + "' was removed from " + attachment.mapping().from()
						+ " of source record " + attachment.sourceRecord() + " during the migration");
	}

	private static List<FileInfo> filesAt(KintoneRecord record, SourceAttachment attachment) {
		if (!attachment.mapping().inSubtable()) {
			return record.files(attachment.mapping().from().field());
		}
		for (FieldValue.SubtableRow row : record.rows(attachment.mapping().from().table())) {
			if (row.id().equals(attachment.rowId())) {
				return row.fields().get(attachment.mapping().from().field()) instanceof FieldValue.Files files
						? files.files() : List.of();
			}
		}
		return List.of();
	}

	/** The attachment no longer exists in the source app; permanent for its record. */
	static final class AttachmentGoneException extends RuntimeException {

		AttachmentGoneException(String message) {
			super(message);
		}

	}

}
