package io.kintonemigrator.emulator;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Field values of a seeded record or row, by field code: {@code String} (text-like),
 * {@code Options}, {@code List<SeedFile>} (FILE), {@code List<RowSeed>} (SUBTABLE).
 * Checked against the form when applied.
 */
abstract class SeedValues<S extends SeedValues<S>> {

	final Map<String, Object> values = new LinkedHashMap<>();

	abstract S self();

	/**
	 * A text-like value: SINGLE_LINE_TEXT, MULTI_LINE_TEXT, RICH_TEXT, DATE, DATETIME,
	 * DROP_DOWN, LINK, …
	 */
	public S text(String code, String value) {
		this.values.put(code, value);
		return self();
	}

	public S number(String code, long value) {
		return text(code, Long.toString(value));
	}

	public S number(String code, BigDecimal value) {
		return text(code, value.toPlainString());
	}

	/** The selected options of a CHECK_BOX or MULTI_SELECT. */
	public S options(String code, String... selected) {
		this.values.put(code, new Options(List.of(selected)));
		return self();
	}

	/** Appends an attachment to a FILE field. */
	public S file(String code, String name, String contentType, FileContent content) {
		Object existing = this.values.computeIfAbsent(code, (c) -> new ArrayList<SeedFile>());
		if (!(existing instanceof List<?>)) {
			throw new IllegalArgumentException("seed value of '" + code + "' is not a file list");
		}
		@SuppressWarnings("unchecked")
		List<Object> files = (List<Object>) existing;
		files.add(new SeedFile(name, contentType, content));
		return self();
	}

	public S file(String code, String name, String contentType, byte[] content) {
		return file(code, name, contentType, FileContent.of(content));
	}

	public S file(String code, String name, String contentType, Path content) {
		return file(code, name, contentType, FileContent.of(content));
	}

	/**
	 * An attachment of {@code size} deterministic bytes (see
	 * {@link FileContent#generated(long, long)}).
	 */
	public S generatedFile(String code, String name, String contentType, long size, long seed) {
		return file(code, name, contentType, FileContent.generated(size, seed));
	}

	record Options(List<String> selected) {
	}

	record SeedFile(String name, String contentType, FileContent content) {
	}

	/** Builds one row of a SUBTABLE; the table gets one more row per call. */
	static <R> void appendRow(Map<String, Object> values, String table, R row, Consumer<R> rowValues) {
		rowValues.accept(row);
		Object existing = values.computeIfAbsent(table, (t) -> new ArrayList<>());
		if (!(existing instanceof List<?>)) {
			throw new IllegalArgumentException("seed value of '" + table + "' is not a subtable");
		}
		@SuppressWarnings("unchecked")
		List<Object> rows = (List<Object>) existing;
		rows.add(row);
	}

}
