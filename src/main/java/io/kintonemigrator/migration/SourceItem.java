package io.kintonemigrator.migration;

import java.util.List;

import io.kintonemigrator.config.JobConfig.FileMapping;

import org.jspecify.annotations.Nullable;

/**
 * A source record read by the job: its attachments in the mapped fields, every mapped
 * cell (those without files too, which {@code replace} empties on the target), and the
 * value that finds its target record ({@code matchKey}, null when the source's match
 * field is empty).
 */
public record SourceItem(long sourceRecord, @Nullable String matchKey, List<SourceAttachment> attachments,
		List<Cell> cells) {

	public SourceItem {
		attachments = List.copyOf(attachments);
		cells = List.copyOf(cells);
	}

	public SourceItem(long sourceRecord, @Nullable String matchKey, List<SourceAttachment> attachments) {
		this(sourceRecord, matchKey, attachments, List.of());
	}

	/**
	 * One mapped FILE cell of the source record: a top-level field, or the FILE column of
	 * one row.
	 *
	 * @param rowIndex the row's position in its table, -1 at top level
	 * @param rowKeyValue the row's value of the mapping's {@code rowKey} column, if any
	 */
	record Cell(FileMapping mapping, int rowIndex, @Nullable Object rowKeyValue, boolean empty) {
	}

}
