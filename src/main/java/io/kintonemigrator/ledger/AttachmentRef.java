package io.kintonemigrator.ledger;

/**
 * Which source attachment a ledger row is about, by what it is rather than where it sits:
 * the source app and record, the mapping's source field ({@code FIELD} or
 * {@code TABLE.FIELD}), the subtable row id ({@code ""} at top level), and the file's
 * name, size and occurrence (0 for the first file of that name and size in that cell, 1
 * for the second…). Deleting, adding or moving other files of the cell leaves the
 * identity of a file unchanged, so a row can never be taken for another file.
 */
public record AttachmentRef(long sourceApp, long sourceRecord, String sourceField, String sourceRow, String fileName,
		long fileSize, int occurrence) {
}
