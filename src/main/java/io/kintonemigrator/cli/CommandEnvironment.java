package io.kintonemigrator.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The configuration every command reads, the Spring Boot way, also before (or without) a
 * context: the command's own settings, then Spring Boot properties given on the command
 * line ({@code --spring.datasource.url=...}, {@code --logging.level.root=DEBUG},
 * {@code --kam.work-dir=...}), Java system properties, environment variables, the
 * application's config files ({@code ./application.properties},
 * {@code ./config/application.yml} and the others Spring Boot reads), and last the
 * {@linkplain DefaultJobDatabase default job database}.
 *
 * <p>
 * The command line's Spring Boot arguments are set once per command run
 * ({@link #takeBootArguments}) and handed to every context the command starts.
 */
public final class CommandEnvironment {

	private static volatile String[] bootArguments = new String[0];

	private static volatile boolean quiet;

	private CommandEnvironment() {
	}

	/**
	 * Keeps the Spring Boot arguments of a command line ({@code --name.with.dots=value}:
	 * none of our options has a dot) for this command run and returns the rest, the
	 * command's own arguments.
	 */
	public static String[] takeBootArguments(String... args) {
		List<String> boot = new ArrayList<>();
		List<String> own = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String name = equals < 0 ? arg : arg.substring(0, equals);
			if (arg.startsWith("--") && name.indexOf('.') > 2) {
				boot.add(arg);
			}
			else {
				own.add(arg);
			}
		}
		bootArguments = boot.toArray(String[]::new);
		quiet = false;
		return own.toArray(String[]::new);
	}

	/**
	 * Adds the Spring Boot properties the command's global options imply (the log levels
	 * of {@code --quiet}, {@code --verbose}, {@code --log-level}) to this command run; a
	 * property the command line names itself ({@code --logging.level.root=...}) wins.
	 * @param quiet whether the command shows its result and errors only
	 * ({@link #quiet()})
	 */
	public static void imply(Map<String, String> properties, boolean quiet) {
		List<String> boot = new ArrayList<>(List.of(bootArguments));
		properties.forEach((name, value) -> {
			if (boot.stream().noneMatch(arg -> arg.equals("--" + name) || arg.startsWith("--" + name + "="))) {
				boot.add("--" + name + "=" + value);
			}
		});
		bootArguments = boot.toArray(String[]::new);
		CommandEnvironment.quiet = quiet;
	}

	/**
	 * Whether the running command was given {@code --quiet}: its result on standard
	 * output and its errors on standard error, no progress and no log line below ERROR.
	 */
	public static boolean quiet() {
		return quiet;
	}

	/**
	 * Where the running command's status lines go (what it is doing, not its result):
	 * {@code err}, or nowhere with {@code --quiet}.
	 */
	public static PrintWriter notes(PrintWriter err) {
		return quiet ? new PrintWriter(Writer.nullWriter()) : err;
	}

	/** The Spring Boot arguments of the running command, for its contexts. */
	public static String[] bootArguments() {
		return bootArguments.clone();
	}

	/**
	 * The environment a context started with {@code commandProperties} sees, without
	 * starting one.
	 */
	public static ConfigurableEnvironment of(Map<String, Object> commandProperties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(bootArguments()));
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		environment.getPropertySources().addFirst(new MapPropertySource("command", commandProperties));
		environment.getPropertySources()
			.addLast(new MapPropertySource(DefaultJobDatabaseEnvironment.SOURCE,
					Map.of(JobDatabase.PROPERTY, DefaultJobDatabase.url())));
		return environment;
	}

}
