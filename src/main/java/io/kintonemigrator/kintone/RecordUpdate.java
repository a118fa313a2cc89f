package io.kintonemigrator.kintone;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a bulk update: the record, by {@code id} or by {@code updateKey}, the
 * revision it must still have (null: no check), and the fields to write.
 */
public record RecordUpdate(RecordSelector selector, @Nullable Long revision, Map<String, FieldUpdate> fields) {

	public RecordUpdate {
		fields = Map.copyOf(fields);
	}

	/** How an update names its record. */
	public sealed interface RecordSelector {

		/** By {@code $id}. */
		record ById(long id) implements RecordSelector {
		}

		/** By a unique (重複禁止) SINGLE_LINE_TEXT or NUMBER field. */
		record ByUpdateKey(String field, String value) implements RecordSelector {
		}

	}

}
