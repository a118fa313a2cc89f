package io.kintonemigrator.migration;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What the chunks of one execution did: files moved (attached) and their bytes, files
 * skipped, source records updated and skipped. The writer adds a chunk's outcome as
 * pending; it counts once the chunk commits ({@link #commit}) and is dropped when the
 * chunk rolls back ({@link #discard}). Thread-safe.
 */
final class RunCounters {

	private Totals committed = Totals.ZERO;

	private Totals pending = Totals.ZERO;

	/** A chunk's outcome, counted when the chunk commits. */
	synchronized void add(Collection<SourceAttachment> attached, int filesSkipped, Collection<Long> skippedRecords) {
		long bytes = attached.stream().mapToLong(a -> a.file().size()).sum();
		Set<Long> updated = new HashSet<>();
		attached.forEach(a -> updated.add(a.ref().sourceRecord()));
		pending = pending.plus(
				new Totals(attached.size(), bytes, filesSkipped, updated.size(), new HashSet<>(skippedRecords).size()));
	}

	synchronized void commit() {
		committed = committed.plus(pending);
		pending = Totals.ZERO;
	}

	synchronized void discard() {
		pending = Totals.ZERO;
	}

	synchronized Totals committed() {
		return committed;
	}

	record Totals(long filesMoved, long bytesMoved, long filesSkipped, long recordsUpdated, long recordsSkipped) {

		static final Totals ZERO = new Totals(0, 0, 0, 0, 0);

		Totals plus(Totals other) {
			return new Totals(filesMoved + other.filesMoved, bytesMoved + other.bytesMoved,
					filesSkipped + other.filesSkipped, recordsUpdated + other.recordsUpdated,
					recordsSkipped + other.recordsSkipped);
		}

	}

}
