package io.kintonemigrator.migration;

import java.util.List;

import io.kintonemigrator.kintone.RecordUpdate;

import org.jspecify.annotations.Nullable;

/**
 * What to send for one target record: the update ({@code null} when nothing is to be written),
 * the attachments it carries with the number of files of the same name and size the target field
 * will hold once applied, and the attachments left out on purpose ({@code onExisting: skip}).
 */
record RecordPlan(long targetRecord, long baseRevision, @Nullable RecordUpdate update, List<Planned> planned,
		List<Skipped> skipped) {

	record Planned(PendingAttachment pending, int expectedCount) {
	}

	record Skipped(SourceAttachment attachment, String reason) {
	}

}
