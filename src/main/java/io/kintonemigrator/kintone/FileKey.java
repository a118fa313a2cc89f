package io.kintonemigrator.kintone;

import java.util.Objects;

/**
 * A kintone fileKey. Two kinds exist and never mix: a <em>download</em> key, read from a
 * FILE field of a record, and an <em>upload</em> key, returned by an upload and
 * attachable once.
 */
public record FileKey(String value) {

	public FileKey {
		Objects.requireNonNull(value, "value");
		if (value.isBlank()) {
			throw new IllegalArgumentException("fileKey must not be blank");
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
