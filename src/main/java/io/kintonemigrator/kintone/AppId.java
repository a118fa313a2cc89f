package io.kintonemigrator.kintone;

/** A kintone app id. */
public record AppId(long value) {

	public AppId {
		if (value <= 0) {
			throw new IllegalArgumentException("app id must be positive, was " + value);
		}
	}

	@Override
	public String toString() {
		return Long.toString(value);
	}

}
