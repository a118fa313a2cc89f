package io.kintonemigrator.launch;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. Without a sub-command it runs the demo. */
@Command(name = "kintone-attachment-migrator", mixinStandardHelpOptions = true,
		versionProvider = VersionProvider.class,
		description = "Moves file attachments in bulk from one kintone app to another: restartable, exactly once, rate limited.",
		subcommands = { MigrateCommand.class, EmulatorCommand.class })
class MigratorCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		// The demo arrives with the migration job; until then the bare command explains itself.
		spec.commandLine().usage(spec.commandLine().getOut());
		return ExitCodes.COMPLETED;
	}

}
