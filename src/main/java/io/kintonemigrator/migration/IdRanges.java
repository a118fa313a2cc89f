package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.kintone.KintoneClient;

import org.jspecify.annotations.Nullable;

/**
 * Splits the source records of a job into {@code $id} ranges of equal width, the last one
 * open-ended. It learns the highest {@code $id} by bisection on record counts
 * ({@code totalCount} of {@code $id > x}: about two requests per bit of the highest
 * {@code $id}), never with a cursor (kintone allows 10 per domain) nor an offset.
 */
final class IdRanges {

	private IdRanges() {
	}

	/**
	 * Exactly {@code count} ranges in {@code $id} order (some empty when the app has
	 * fewer records than that), so a partition's name never depends on the data.
	 */
	static List<IdRange> split(KintoneClient source, @Nullable String query, int count) {
		if (count <= 1) {
			return List.of(IdRange.ALL);
		}
		long highest = highestId(source, query);
		long width = Math.max(1, (highest + count - 1) / count);
		List<IdRange> ranges = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ranges.add(new IdRange(i * width, i == count - 1 ? Long.MAX_VALUE : (i + 1) * width));
		}
		return ranges;
	}

	/** The highest {@code $id} of a record the query matches; 0 when none does. */
	static long highestId(KintoneClient source, @Nullable String query) {
		if (source.countAfter(0, query) == 0) {
			return 0;
		}
		long below = 0; // some record has an $id above this
		long atLeast = 1; // no record has an $id above this, once found
		while (source.countAfter(atLeast, query) > 0) {
			below = atLeast;
			atLeast *= 2;
		}
		while (atLeast - below > 1) {
			long middle = below + (atLeast - below) / 2;
			if (source.countAfter(middle, query) > 0) {
				below = middle;
			}
			else {
				atLeast = middle;
			}
		}
		return atLeast;
	}

}
