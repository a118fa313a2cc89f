package io.kintonemigrator.kintone;

import java.util.Objects;

/**
 * A token or password. Its {@link #toString()} never shows the value; use
 * {@link #reveal()} only to send it.
 */
public final class Secret {

	private final String value;

	public Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	/** The secret itself, for the one place that puts it on the wire. */
	public String reveal() {
		return value;
	}

	@Override
	public String toString() {
		return "****";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret s && s.value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

}
