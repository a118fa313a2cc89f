package io.kintonemigrator.migration;

import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.ledger.AttachmentRef;

import org.jspecify.annotations.Nullable;

/**
 * One attachment of a source record, where it sits, and the ledger key that names it.
 *
 * @param rowId the source subtable row's id, null at top level
 * @param rowIndex the source row's position in its table, -1 at top level
 * @param rowKeyValue the source row's value of the mapping's {@code rowKey} column, if
 * any
 * @param fileIndex the file's position in its FILE value
 * @param occurrence how many files of the same name and size come before it in its FILE
 * value
 */
public record SourceAttachment(long sourceApp, long sourceRecord, FileMapping mapping, @Nullable String rowId,
		int rowIndex, @Nullable Object rowKeyValue, int fileIndex, int occurrence, FileInfo file) {

	/**
	 * The ledger's name for this attachment: its cell, name, size and occurrence, never
	 * its position.
	 */
	public AttachmentRef ref() {
		return new AttachmentRef(sourceApp, sourceRecord, mapping.from().toString(), rowId == null ? "" : rowId,
				file.name(), file.size(), occurrence);
	}

	String targetField() {
		return mapping.to().toString();
	}

}
