package io.kintonemigrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The job database used when nothing names one ({@code --database},
 * {@code spring.datasource.url}, {@code SPRING_DATASOURCE_URL}): an H2 file in a per-user
 * data directory, so the same command finds the same ledger from any working directory
 * (cron without {@code cd}, a systemd unit). Otherwise a run from another directory would
 * start from an empty ledger and, with {@code append}, attach every file a second time.
 * The directory is, first match wins:
 * <ol>
 * <li>{@code $KAM_HOME} (must be absolute);</li>
 * <li>{@code $XDG_DATA_HOME/kintone-attachment-migrator} (an absolute
 * {@code XDG_DATA_HOME} only, as the XDG specification says);</li>
 * <li>{@code ~/.local/share/kintone-attachment-migrator}.</li>
 * </ol>
 * Earlier versions kept the default under {@code ./data}; {@link #problem} refuses to
 * start from an empty default while such a database sits in the working directory.
 */
final class DefaultJobDatabase {

	static final String APPLICATION = "kintone-attachment-migrator";

	/**
	 * Where earlier versions kept the default database, relative to the working
	 * directory.
	 */
	static final Path LEGACY = Path.of("data", APPLICATION);

	private DefaultJobDatabase() {
	}

	/** The directory for this process's environment and user. */
	static Path directory() {
		return directory(System.getenv(), System.getProperty("user.home"));
	}

	static Path directory(Map<String, String> environment, String userHome) {
		String home = environment.get("KAM_HOME");
		if (home != null && !home.isBlank()) {
			return Path.of(home).normalize();
		}
		String xdg = environment.get("XDG_DATA_HOME");
		if (xdg != null && Path.of(xdg).isAbsolute()) {
			return Path.of(xdg, APPLICATION).normalize();
		}
		return Path.of(userHome, ".local", "share", APPLICATION).normalize();
	}

	/** The H2 file (without {@code .mv.db}) of the default database. */
	static Path file() {
		return directory().resolve(APPLICATION);
	}

	/**
	 * The JDBC URL of the default database (H2 keeps it open until the context closes,
	 * every commit durable).
	 */
	static String url() {
		return "jdbc:h2:file:" + file() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
	}

	/**
	 * One line when the default database cannot be used as is, null otherwise:
	 * {@code $KAM_HOME} is relative (the database would depend on the working directory
	 * again), or a job database of an earlier version is in {@code ./data} while the
	 * default one does not exist yet. That database is not adopted silently: another
	 * working directory may hold another one, and which of them is the job's cannot be
	 * told from here; the line names the command that moves it (or keeps it).
	 */
	static @Nullable String problem(Path workingDirectory) {
		String home = System.getenv("KAM_HOME");
		if (home != null && !home.isBlank() && !Path.of(home).isAbsolute()) {
			return "KAM_HOME is the relative path '" + home + "'; give an absolute path, so the job database does "
					+ "not depend on the working directory";
		}
		Path legacy = workingDirectory.resolve(LEGACY).toAbsolutePath().normalize();
		Path current = file();
		if (!Files.exists(Path.of(legacy + ".mv.db")) || Files.exists(Path.of(current + ".mv.db"))) {
			return null;
		}
		return "The job database is no longer kept under ./data but in " + current.getParent() + ", and " + legacy
				+ ".mv.db is from an earlier version: move it there (mkdir -p " + current.getParent() + " && mv "
				+ legacy + ".mv.db " + current.getParent() + "/) so this run continues its ledger, or keep it with "
				+ "--database jdbc:h2:file:" + legacy + " (nothing was written)";
	}

}
