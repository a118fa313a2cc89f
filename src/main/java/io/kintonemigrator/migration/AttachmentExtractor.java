package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.KintoneRecord;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The processor: lists the attachments of a source record in the mapped FILE fields (top level and
 * in subtable rows) and filters out records that have none, so they never cost a file request.
 * Pure and thread-safe.
 */
class AttachmentExtractor implements ItemProcessor<KintoneRecord, SourceItem> {

	private final JobConfig config;

	AttachmentExtractor(JobConfig config) {
		this.config = config;
	}

	@Override
	public @Nullable SourceItem process(KintoneRecord record) {
		List<SourceAttachment> attachments = new ArrayList<>();
		long app = config.source().app().value();
		for (FileMapping mapping : config.files()) {
			if (!mapping.inSubtable()) {
				add(attachments, app, record, mapping, null, -1, null, record.files(mapping.from().field()));
				continue;
			}
			List<FieldValue.SubtableRow> rows = record.rows(mapping.from().table());
			for (int rowIndex = 0; rowIndex < rows.size(); rowIndex++) {
				FieldValue.SubtableRow row = rows.get(rowIndex);
				List<FileInfo> files = row.fields().get(mapping.from().field()) instanceof FieldValue.Files f ? f.files()
						: List.of();
				Object rowKey = mapping.rowKey() == null ? null : plainValue(row.fields().get(mapping.rowKey()));
				add(attachments, app, record, mapping, row.id(), rowIndex, rowKey, files);
			}
		}
		if (attachments.isEmpty()) {
			return null;
		}
		return new SourceItem(record.id(), matchKey(record), attachments);
	}

	private static void add(List<SourceAttachment> attachments, long app, KintoneRecord record, FileMapping mapping,
			@Nullable String rowId, int rowIndex, @Nullable Object rowKey, List<FileInfo> files) {
		for (int i = 0; i < files.size(); i++) {
			attachments.add(new SourceAttachment(app, record.id(), mapping, rowId, rowIndex, rowKey, i, files.get(i)));
		}
	}

	private @Nullable String matchKey(KintoneRecord record) {
		if (config.match().sourceIsRecordId()) {
			return Long.toString(record.id());
		}
		Object value = plainValue(record.fields().get(config.match().source()));
		return value == null || value.toString().isBlank() ? null : value.toString();
	}

	static @Nullable Object plainValue(@Nullable FieldValue value) {
		return value instanceof FieldValue.Plain plain ? plain.value() : null;
	}

}
