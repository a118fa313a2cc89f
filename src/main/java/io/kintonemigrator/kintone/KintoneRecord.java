package io.kintonemigrator.kintone;

import java.util.List;
import java.util.Map;

/** A record as read: its {@code $id}, {@code $revision} and field values by code. */
public record KintoneRecord(long id, long revision, Map<String, FieldValue> fields) {

	public KintoneRecord {
		fields = Map.copyOf(fields);
	}

	/** The files of a top-level FILE field; empty when the field is absent or empty. */
	public List<FileInfo> files(String fieldCode) {
		return fields.get(fieldCode) instanceof FieldValue.Files f ? f.files() : List.of();
	}

	/** The rows of a SUBTABLE field; empty when the field is absent or has no rows. */
	public List<FieldValue.SubtableRow> rows(String tableCode) {
		return fields.get(tableCode) instanceof FieldValue.Subtable t ? t.rows() : List.of();
	}

}
