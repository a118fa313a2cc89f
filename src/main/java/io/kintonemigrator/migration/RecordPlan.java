package io.kintonemigrator.migration;

import java.util.List;

import io.kintonemigrator.kintone.RecordUpdate;

import org.jspecify.annotations.Nullable;

/**
 * What to send for one target record: the update ({@code null} when nothing is to be
 * written), the attachments it carries with what the target field will hold once it is
 * applied, and the attachments left out on purpose ({@code onExisting: skip}).
 */
record RecordPlan(long targetRecord, long baseRevision, @Nullable RecordUpdate update, List<Planned> planned,
		List<Skipped> skipped) {

	/**
	 * @param expectedCount files of the attachment's name and size in its target field
	 * once applied (a FILE column: all rows)
	 * @param expectedTotal files in the target field once applied (a FILE column: all
	 * rows)
	 */
	record Planned(PendingAttachment pending, int expectedCount, int expectedTotal) {
	}

	record Skipped(SourceAttachment attachment, String reason) {
	}

}
