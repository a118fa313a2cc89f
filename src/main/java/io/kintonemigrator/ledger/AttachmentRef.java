package io.kintonemigrator.ledger;

/**
 * Which source attachment a ledger row is about: the source app and record, the mapping's
 * source field ({@code FIELD} or {@code TABLE.FIELD}), the subtable row id ({@code ""} at top
 * level) and the file's position in its FILE value.
 */
public record AttachmentRef(long sourceApp, long sourceRecord, String sourceField, String sourceRow, int fileIndex) {
}
