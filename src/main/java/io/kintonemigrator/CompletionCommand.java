package io.kintonemigrator;

import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints picocli's completion script for bash (zsh loads it through
 * bashcompinit, which the script starts itself) for every command and option of this
 * command line, bound to a command name ({@code --name}, by default the program's name).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
		description = { "Prints the shell completion script for bash and zsh.", "Load it with",
				"  source <(kintone-attachment-migrator completion)",
				"where kintone-attachment-migrator runs the jar (a wrapper script or an alias)." })
class CompletionCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--name", paramLabel = "COMMAND",
			description = "The command name to complete (default: ${DEFAULT-VALUE}).",
			defaultValue = "kintone-attachment-migrator")
	String name = "kintone-attachment-migrator";

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		commandSpec.commandLine().getOut().print(AutoComplete.bash(name, commandSpec.root().commandLine()));
		commandSpec.commandLine().getOut().flush();
		return 0;
	}

}
