package io.kintonemigrator.emulator.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code record} object of an add or update request, parsed and type-checked but not
 * yet applied: only the fields that were sent. FILE values are still raw fileKeys.
 */
record RecordPatch(Map<String, ValuePatch> values) {

	RecordPatch {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	static RecordPatch empty() {
		return new RecordPatch(Map.of());
	}

	sealed interface ValuePatch {

		record Text(String value) implements ValuePatch {
		}

		record Options(List<String> values) implements ValuePatch {
		}

		record Files(List<String> fileKeys) implements ValuePatch {
		}

		record Table(List<RowPatch> rows) implements ValuePatch {
		}

	}

	/** A row as sent: {@code id} null when absent or unparsable (a new row). */
	record RowPatch(@Nullable Long id, Map<String, ValuePatch> values) {
	}

}
