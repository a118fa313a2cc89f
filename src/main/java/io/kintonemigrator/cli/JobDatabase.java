package io.kintonemigrator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the job repository and ledger live, as the commands resolve it before starting
 * any context: so {@code status} and {@code verify} can tell that an H2 file does not
 * exist instead of creating an empty one.
 */
public final class JobDatabase {

	/** The Spring Boot property that names the job database. */
	public static final String PROPERTY = "spring.datasource.url";

	private JobDatabase() {
	}

	/**
	 * {@code --database}, else {@code spring.datasource.url} as a context would read it
	 * ({@link CommandEnvironment}: the command line, system properties,
	 * {@code SPRING_DATASOURCE_URL}, the config files), else the
	 * {@linkplain DefaultJobDatabase default}.
	 */
	public static String url(@Nullable String database) {
		if (database != null) {
			return database;
		}
		return CommandEnvironment.of(Map.of()).getRequiredProperty(PROPERTY);
	}

	/**
	 * The job database a command that reads it uses ({@link #url}, resolved once: it
	 * reads the config files), or null after printing one line to {@code err} when that
	 * is the default database and it cannot be used as is
	 * ({@link #defaultProblem(String)}).
	 */
	public static @Nullable String usableUrl(@Nullable String database, PrintWriter err) {
		String url = url(database);
		String problem = defaultProblem(url);
		if (problem != null) {
			err.println(problem);
			return null;
		}
		return url;
	}

	/**
	 * One line when the URL is the default database and that cannot be used as is (see
	 * {@link DefaultJobDatabase#problem}), null otherwise.
	 */
	public static @Nullable String defaultProblem(String url) {
		return url.equals(DefaultJobDatabase.url()) ? DefaultJobDatabase.problem(Path.of("")) : null;
	}

	/**
	 * {@link #defaultProblem(String)} of the database a context started with these
	 * properties uses (their {@code spring.datasource.url}, else as {@link #url}).
	 */
	public static @Nullable String defaultProblem(Map<String, Object> contextProperties) {
		Object database = contextProperties.get(PROPERTY);
		return defaultProblem(url(database == null ? null : database.toString()));
	}

	/**
	 * The file an H2 file URL names ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}),
	 * when it does not exist.
	 */
	public static @Nullable Path missingH2File(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("jdbc:h2:")) {
			return null;
		}
		String rest = url.substring("jdbc:h2:".length());
		int options = rest.indexOf(';');
		if (options >= 0) {
			rest = rest.substring(0, options);
		}
		if (rest.toLowerCase(Locale.ROOT).startsWith("file:")) {
			rest = rest.substring("file:".length());
		}
		else if (rest.matches("(?i)(mem|tcp|ssl|zip|nio\\w*|split|async|retry):.*")) {
			return null;
		}
		if (rest.startsWith("~")) {
			rest = System.getProperty("user.home") + rest.substring(1);
		}
		Path file = Path.of(rest + ".mv.db");
		return Files.exists(file) ? null : file;
	}

}
