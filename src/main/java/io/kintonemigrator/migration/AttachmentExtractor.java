package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.KintoneRecord;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The processor: lists the attachments of a source record in the mapped FILE fields (top
 * level and in subtable rows), each with its occurrence among the files of the same name
 * and size in its cell, and filters out records that have none (unless asked to keep
 * them). Pure and thread-safe.
 */
public class AttachmentExtractor implements ItemProcessor<KintoneRecord, SourceItem> {

	private final JobConfig config;

	private final LongPredicate keepWithoutFiles;

	public AttachmentExtractor(JobConfig config) {
		this(config, record -> false);
	}

	/**
	 * @param keepWithoutFiles which source records without attachments still go to the
	 * writer (the job keeps those the ledger has rows for: the files it attached earlier
	 * come off the target)
	 */
	public AttachmentExtractor(JobConfig config, LongPredicate keepWithoutFiles) {
		this.config = config;
		this.keepWithoutFiles = keepWithoutFiles;
	}

	@Override
	public @Nullable SourceItem process(KintoneRecord record) {
		List<SourceAttachment> attachments = new ArrayList<>();
		List<SourceItem.Cell> cells = new ArrayList<>();
		long app = config.source().app().value();
		for (FileMapping mapping : config.files()) {
			if (!mapping.inSubtable()) {
				List<FileInfo> files = record.files(mapping.from().field());
				add(attachments, app, record, mapping, null, -1, null, files);
				cells.add(new SourceItem.Cell(mapping, -1, null, files.isEmpty()));
				continue;
			}
			List<FieldValue.SubtableRow> rows = record.rows(mapping.from().table());
			for (int rowIndex = 0; rowIndex < rows.size(); rowIndex++) {
				FieldValue.SubtableRow row = rows.get(rowIndex);
				List<FileInfo> files = row.fields().get(mapping.from().field()) instanceof FieldValue.Files f
						? f.files() : List.of();
				Object rowKey = mapping.rowKey() == null ? null : plainValue(row.fields().get(mapping.rowKey()));
				add(attachments, app, record, mapping, row.id(), rowIndex, rowKey, files);
				cells.add(new SourceItem.Cell(mapping, rowIndex, rowKey, files.isEmpty()));
			}
		}
		if (attachments.isEmpty() && !keepWithoutFiles.test(record.id())) {
			return null;
		}
		return new SourceItem(record.id(), matchKey(record), attachments, cells);
	}

	private static void add(List<SourceAttachment> attachments, long app, KintoneRecord record, FileMapping mapping,
			@Nullable String rowId, int rowIndex, @Nullable Object rowKey, List<FileInfo> files) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < files.size(); i++) {
			FileInfo file = files.get(i);
			int occurrence = seen.merge(file.name() + "\u0000" + file.size(), 1, Integer::sum) - 1;
			attachments
				.add(new SourceAttachment(app, record.id(), mapping, rowId, rowIndex, rowKey, i, occurrence, file));
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
