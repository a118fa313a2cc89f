package io.kintonemigrator.migration;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.kintonemigrator.kintone.FieldValue;

import org.jspecify.annotations.Nullable;

/**
 * Which target subtable row a source row's files go to, the one rule that migrate and
 * verify share: with a row key, the target row whose key column ({@code targetRowKey})
 * holds the value of the source row's ({@code rowKey}); without one, the target row at
 * the same position. A source row without a partner gets a new row.
 */
public final class RowPairing {

	private final List<FieldValue.SubtableRow> targetRows;

	public RowPairing(List<FieldValue.SubtableRow> targetRows) {
		this.targetRows = targetRows;
	}

	/**
	 * The position of the target row paired with the attachment's source row, or -1 when
	 * there is none.
	 */
	int partnerOf(SourceAttachment attachment) {
		return partnerOf(attachment.mapping().targetRowKey(), attachment.rowIndex(), attachment.rowKeyValue());
	}

	/**
	 * The position of the target row paired with a source row (by key value, else by
	 * position), or -1.
	 * @param rowKey the target table's key column (the mapping's {@code targetRowKey})
	 */
	int partnerOf(@Nullable String rowKey, int rowIndex, @Nullable Object rowKeyValue) {
		if (rowKey == null) {
			return rowIndex < targetRows.size() ? rowIndex : -1;
		}
		if (rowKeyValue == null) {
			return -1;
		}
		for (int i = 0; i < targetRows.size(); i++) {
			if (Objects.equals(AttachmentExtractor.plainValue(targetRows.get(i).fields().get(rowKey)), rowKeyValue)) {
				return i;
			}
		}
		return -1;
	}

	/** The target row paired with the attachment's source row, or null. */
	public FieldValue.@Nullable SubtableRow partner(SourceAttachment attachment) {
		int index = partnerOf(attachment);
		return index < 0 ? null : targetRows.get(index);
	}

	/** A key value two of the rows share (so rows cannot be paired by it), or null. */
	static @Nullable Object duplicateKey(List<FieldValue.SubtableRow> rows, String rowKey) {
		Set<Object> seen = new HashSet<>();
		for (FieldValue.SubtableRow row : rows) {
			Object value = AttachmentExtractor.plainValue(row.fields().get(rowKey));
			if (value != null && !value.toString().isEmpty() && !seen.add(value)) {
				return value;
			}
		}
		return null;
	}

}
