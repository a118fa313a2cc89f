package io.kintonemigrator.emulator.store;

import java.util.List;

/** The stored value of one field. Immutable. */
public sealed interface FieldValue {

	/**
	 * A single string: text, number, date, time, date-time, drop-down, radio button,
	 * link.
	 */
	record Text(String value) implements FieldValue {
	}

	/** The selected options of a CHECK_BOX or MULTI_SELECT. */
	record Options(List<String> values) implements FieldValue {

		public Options {
			values = List.copyOf(values);
		}

	}

	/** The attachments of a FILE field, in order. */
	record Files(List<StoredFile> files) implements FieldValue {

		public Files {
			files = List.copyOf(files);
		}

	}

	/** The rows of a SUBTABLE, in order. */
	record Table(List<StoredRow> rows) implements FieldValue {

		public Table {
			rows = List.copyOf(rows);
		}

	}

}
