package io.kintonemigrator.emulator.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link QueryableRecord} over a map; a field never set reads as one empty string, like
 * kintone's empty.
 */
final class MapRecord implements QueryableRecord {

	private final Map<String, List<String>> values = new HashMap<>();

	private MapRecord(long id) {
		this.values.put("$id", List.of(Long.toString(id)));
	}

	static MapRecord id(long id) {
		return new MapRecord(id);
	}

	/** Sets a single-valued field. */
	MapRecord with(String code, String value) {
		this.values.put(code, List.of(value));
		return this;
	}

	/** Sets a list field (options, files) or the values of a field in every table row. */
	MapRecord withAll(String code, String... values) {
		this.values.put(code, List.of(values));
		return this;
	}

	long id() {
		return Long.parseLong(this.values.get("$id").get(0));
	}

	@Override
	public List<String> values(String fieldCode) {
		return this.values.getOrDefault(fieldCode, List.of(""));
	}

	@Override
	public String toString() {
		return "MapRecord" + this.values;
	}

}
