package io.kintonemigrator.migration;

import java.util.HashMap;
import java.util.Map;

import io.kintonemigrator.kintone.KintoneRecord;

/**
 * The files a target record holds, counted by target field, name and size, handed out one at a
 * time: an incremental {@code append} run asks it whether a source attachment is already there, so
 * two source files of the same name and size need two files on the target. A FILE column of a
 * SUBTABLE counts over all rows, like the reconciliation of intents. Not thread-safe.
 */
final class TargetFiles {

	private final KintoneRecord target;

	private final Map<String, Integer> left = new HashMap<>();

	TargetFiles(KintoneRecord target) {
		this.target = target;
	}

	/** Takes one file matching the attachment; false when none is left. */
	boolean take(SourceAttachment attachment) {
		String key = attachment.targetField() + "\u0000" + attachment.file().name() + "\u0000" + attachment.file().size();
		int available = left.computeIfAbsent(key, k -> UpdatePlanner.count(target, attachment.mapping().to(),
				attachment.file().name(), attachment.file().size()));
		if (available <= 0) {
			return false;
		}
		left.put(key, available - 1);
		return true;
	}

}
