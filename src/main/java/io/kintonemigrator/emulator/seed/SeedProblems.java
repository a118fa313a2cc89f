package io.kintonemigrator.emulator.seed;

import org.jspecify.annotations.Nullable;

/**
 * The problems found in one seed, each a {@link SeedFileException} whose one line starts
 * with the seed's {@code origin} and names the key at fault.
 */
record SeedProblems(String origin) {

	SeedFileException problem(String message) {
		return new SeedFileException(this.origin + ": " + message);
	}

	/** Throws when the key {@code at} is missing. */
	void require(@Nullable Object value, String at) {
		if (value == null) {
			throw problem("'" + at + "' is missing");
		}
	}

}
