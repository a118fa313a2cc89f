package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Where an emulator stores uploads and seeded files: a directory it was given (created if
 * missing, kept on close) or a temporary one of its own (deleted on close).
 */
final class DataDirectory {

	private final Path path;

	private final boolean owned;

	private DataDirectory(Path path, boolean owned) {
		this.path = path;
		this.owned = owned;
	}

	/**
	 * {@code given}, created if missing; null: a new temporary directory.
	 * @throws UncheckedIOException when the directory cannot be created
	 */
	static DataDirectory create(@Nullable Path given) {
		try {
			return (given != null) ? new DataDirectory(Files.createDirectories(given), false)
					: new DataDirectory(Files.createTempDirectory("kintone-emulator-"), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the emulator data directory", ex);
		}
	}

	Path path() {
		return path;
	}

	/** Deletes the directory and all in it if it is a temporary one of ours. */
	void release() {
		if (owned) {
			deleteRecursively(path);
		}
	}

	/**
	 * Deletes the data directory with JDK classes only: this runs in shutdown hooks,
	 * where Spring Boot's nested-jar class loader may no longer load classes of ours (an
	 * anonymous visitor class failed there).
	 */
	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the emulator data directory " + directory, ex);
		}
	}

}
