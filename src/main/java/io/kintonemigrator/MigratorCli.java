package io.kintonemigrator;

import io.kintonemigrator.cli.CommandEnvironment;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogLevel;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Parses the command line and runs one command; returns the process exit code
 * ({@link ExitCodes}).
 */
public final class MigratorCli {

	private MigratorCli() {
	}

	public static int execute(String... args) {
		return execute(commandLine(), args);
	}

	/**
	 * The configured command line, with output going to the given writers (tests capture
	 * them).
	 */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = commandLine();
		commandLine.setOut(out);
		commandLine.setErr(err);
		return execute(commandLine, args);
	}

	/**
	 * Runs one command; its Spring Boot arguments ({@link CommandEnvironment}) hold for
	 * this run only.
	 */
	private static int execute(CommandLine commandLine, String... args) {
		try {
			return commandLine.execute(CommandEnvironment.takeBootArguments(args));
		}
		finally {
			CommandEnvironment.takeBootArguments();
		}
	}

	public static CommandLine commandLine() {
		MigratorCommand root = new MigratorCommand();
		CommandLine commandLine = new CommandLine(root);
		// the global options' log levels hold from before the command runs to its end
		commandLine.setExecutionStrategy(parseResult -> {
			Map<String, @Nullable LogLevel> before = root.logging.apply();
			try {
				return new CommandLine.RunLast().execute(parseResult);
			}
			finally {
				LoggingOptions.restore(before);
			}
		});
		commandLine.setUsageHelpAutoWidth(true);
		commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandSummaries());
		// bad input is one line naming the problem, not the whole usage text
		commandLine.setParameterExceptionHandler((exception, args) -> {
			exception.getCommandLine().getErr().println(exception.getMessage() + " (see --help)");
			exception.getCommandLine().getErr().flush();
			return ExitCodes.USAGE;
		});
		commandLine.setExitCodeExceptionMapper(
				exception -> exception instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED);
		return commandLine;
	}

}
