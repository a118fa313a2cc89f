package io.kintonemigrator.emulator.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@link DataSetGenerator} adds to an app. Records are numbered {@code firstKey},
 * {@code firstKey + 1}, … ({@code records} numbers); numbers in {@code skipKeys} get no
 * record. Each record gets {@code filesPerRecord} files in every FILE field of
 * {@code fileFields}, and {@code rowsPerRecord} rows in SUBTABLE {@code subtable}, each
 * with its number in {@code rowKeyField} and {@code filesPerRecord} files in every FILE
 * field of {@code rowFileFields}. File sizes are drawn from {@code sizes} if given, else
 * uniformly from {@code minSize..maxSize}. Everything is derived from {@code seed}: the
 * same spec gives the same records, names and bytes. Immutable and validated.
 *
 * @param keyField a SINGLE_LINE_TEXT field that gets
 * {@code String.format(keyFormat, number)}, or null
 */
public record DataSetSpec(int records, int firstKey, Set<Integer> skipKeys, int filesPerRecord, List<String> fileFields,
		@Nullable String subtable, int rowsPerRecord, @Nullable String rowKeyField, List<String> rowFileFields,
		long minSize, long maxSize, List<Long> sizes, long seed, boolean japaneseNames, @Nullable String keyField,
		String keyFormat) {

	public DataSetSpec {
		require(records >= 0, "records must be 0 or more, got " + records);
		require(filesPerRecord >= 0, "filesPerRecord must be 0 or more, got " + filesPerRecord);
		require(rowsPerRecord >= 0, "rowsPerRecord must be 0 or more, got " + rowsPerRecord);
		require(minSize >= 0 && maxSize >= minSize,
				"file sizes need 0 <= minSize <= maxSize, got minSize " + minSize + " and maxSize " + maxSize);
		require(sizes.stream().allMatch((size) -> size >= 0), "sizes must be 0 or more, got " + sizes);
		require(subtable != null || rowsPerRecord == 0, "rowsPerRecord needs a subtable to put the rows in");
		skipKeys = Set.copyOf(skipKeys);
		fileFields = List.copyOf(fileFields);
		rowFileFields = List.copyOf(rowFileFields);
		sizes = List.copyOf(sizes);
	}

	/**
	 * Defaults: 100 records of 1 KiB files, 1 per FILE field, Japanese names, seed 0, no
	 * fields to fill.
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException(problem);
		}
	}

	/** Collects a spec; not thread-safe. */
	public static final class Builder {

		private int records = 100;

		private int firstKey = 1;

		private Set<Integer> skipKeys = Set.of();

		private int filesPerRecord = 1;

		private List<String> fileFields = new ArrayList<>();

		private @Nullable String subtable;

		private int rowsPerRecord;

		private @Nullable String rowKeyField;

		private List<String> rowFileFields = new ArrayList<>();

		private long minSize = 1024;

		private long maxSize = 1024;

		private List<Long> sizes = List.of();

		private long seed;

		private boolean japaneseNames = true;

		private @Nullable String keyField;

		private String keyFormat = "%d";

		private Builder() {
		}

		public Builder records(int records) {
			this.records = records;
			return this;
		}

		public Builder firstKey(int firstKey) {
			this.firstKey = firstKey;
			return this;
		}

		public Builder skipKeys(Set<Integer> keys) {
			this.skipKeys = keys;
			return this;
		}

		public Builder filesPerRecord(int files) {
			this.filesPerRecord = files;
			return this;
		}

		public Builder fileFields(String... codes) {
			this.fileFields = List.of(codes);
			return this;
		}

		/**
		 * Rows in SUBTABLE {@code table}, numbered 1… in {@code keyField}, with files in
		 * {@code fileFields}.
		 */
		public Builder rows(String table, int rowsPerRecord, @Nullable String keyField, String... fileFields) {
			this.subtable = table;
			this.rowsPerRecord = rowsPerRecord;
			this.rowKeyField = keyField;
			this.rowFileFields = List.of(fileFields);
			return this;
		}

		/** Every file has this size. */
		public Builder size(long bytes) {
			return sizeRange(bytes, bytes);
		}

		public Builder sizeRange(long minBytes, long maxBytes) {
			this.minSize = minBytes;
			this.maxSize = maxBytes;
			this.sizes = List.of();
			return this;
		}

		/** Each file's size is one of these, drawn at random. */
		public Builder sizes(List<Long> sizes) {
			this.sizes = sizes;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Builder japaneseNames(boolean japanese) {
			this.japaneseNames = japanese;
			return this;
		}

		/**
		 * Writes {@code String.format(format, number)} into SINGLE_LINE_TEXT
		 * {@code field}.
		 */
		public Builder key(String field, String format) {
			this.keyField = field;
			this.keyFormat = format;
			return this;
		}

		public DataSetSpec build() {
			return new DataSetSpec(this.records, this.firstKey, this.skipKeys, this.filesPerRecord, this.fileFields,
					this.subtable, this.rowsPerRecord, this.rowKeyField, this.rowFileFields, this.minSize, this.maxSize,
					this.sizes, this.seed, this.japaneseNames, this.keyField, this.keyFormat);
		}

	}

}
