package io.kintonemigrator;

import io.kintonemigrator.cli.CommandEnvironment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The global options of every command ({@code --quiet}, {@code --verbose},
 * {@code --log-level}), turned into Spring Boot's {@code logging.level.*} properties for
 * the run ({@link CommandEnvironment#imply}) and applied at once to the logging that runs
 * before (or without) a Spring context, such as the emulator's. Log lines go to standard
 * error in one pattern ({@code logback.xml}); standard output carries the result.
 */
final class LoggingOptions {

	/** The tool's own loggers. */
	static final String OWN = "io.kintonemigrator";

	@Spec(Spec.Target.MIXEE)
	@Nullable CommandSpec spec;

	private boolean quiet;

	private boolean verbose;

	private @Nullable LogLevel level;

	@Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT,
			description = "Show the result and errors only: no progress, no log line below ERROR.")
	void quiet(boolean quiet) {
		this.quiet = quiet;
	}

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT,
			description = "Show DEBUG log lines of this tool, INFO of its libraries, and stack traces.")
	void verbose(boolean verbose) {
		this.verbose = verbose;
	}

	@Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
			description = "Level of this tool's log lines: ERROR, WARN, INFO (default), DEBUG, TRACE or OFF.")
	void level(String level) {
		try {
			this.level = LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(spec == null ? null : spec.commandLine(),
					"--log-level: '" + level + "' is not a level; use ERROR, WARN, INFO, DEBUG, TRACE or OFF");
		}
	}

	/**
	 * The Spring Boot properties these options set; none without options, so
	 * {@code logback.xml} and the application's configuration decide.
	 */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (quiet) {
			properties.put("logging.level.root", LogLevel.ERROR.name());
			properties.put("logging.level." + OWN, LogLevel.ERROR.name());
		}
		if (verbose) {
			properties.put("logging.level.root", LogLevel.INFO.name());
			properties.put("logging.level." + OWN, LogLevel.DEBUG.name());
			properties.put("logging.exception-conversion-word", "%wEx");
		}
		if (level != null) {
			properties.put("logging.level." + OWN, level.name());
		}
		return properties;
	}

	/**
	 * Hands the properties to the run's Spring contexts and applies the levels now;
	 * returns what {@link #restore} needs to undo the latter.
	 * @throws ParameterException when {@code --quiet} and {@code --verbose} are both
	 * given
	 */
	Map<String, @Nullable LogLevel> apply() {
		if (quiet && verbose) {
			throw new ParameterException(spec == null ? null : spec.commandLine(),
					"--quiet and --verbose contradict each other; give one of them");
		}
		Map<String, String> properties = properties();
		CommandEnvironment.imply(properties, quiet);
		LoggingSystem logging = LoggingSystem.get(LoggingOptions.class.getClassLoader());
		Map<String, @Nullable LogLevel> before = new LinkedHashMap<>();
		properties.forEach((name, value) -> {
			if (name.startsWith("logging.level.")) {
				String logger = name.substring("logging.level.".length());
				String loggerName = "root".equals(logger) ? LoggingSystem.ROOT_LOGGER_NAME : logger;
				LoggerConfiguration configuration = logging.getLoggerConfiguration(loggerName);
				before.put(loggerName, configuration == null ? null : configuration.getConfiguredLevel());
				logging.setLogLevel(loggerName, LogLevel.valueOf(value));
			}
		});
		return before;
	}

	/** Puts back the levels {@link #apply} changed. */
	static void restore(Map<String, @Nullable LogLevel> before) {
		LoggingSystem logging = LoggingSystem.get(LoggingOptions.class.getClassLoader());
		before.forEach(logging::setLogLevel);
	}

}
