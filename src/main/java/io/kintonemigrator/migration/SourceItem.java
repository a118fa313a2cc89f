package io.kintonemigrator.migration;

import java.util.List;

/**
 * A source record that has attachments in the mapped fields, and the value that finds its target
 * record ({@code matchKey}, null when the source's match field is empty).
 */
record SourceItem(long sourceRecord, @org.jspecify.annotations.Nullable String matchKey,
		List<SourceAttachment> attachments) {

	SourceItem {
		attachments = List.copyOf(attachments);
	}

}
