package io.kintonemigrator;

import io.kintonemigrator.cli.VersionProvider;
import io.kintonemigrator.inspect.InspectCommand;
import io.kintonemigrator.launch.MigrateCommand;
import io.kintonemigrator.plan.PlanCommand;
import io.kintonemigrator.sandbox.BenchCommand;
import io.kintonemigrator.sandbox.DemoCommand;
import io.kintonemigrator.sandbox.EmulatorCommand;
import io.kintonemigrator.status.StatusCommand;
import io.kintonemigrator.verify.VerifyCommand;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. Without a sub-command it runs the demo ({@link DemoCommand}). */
@Command(name = "kintone-attachment-migrator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Moves file attachments in bulk from one kintone app to another: restartable, exactly once, rate limited.",
		subcommands = { MigrateCommand.class, PlanCommand.class, VerifyCommand.class, StatusCommand.class,
				InspectCommand.class, EmulatorCommand.class, BenchCommand.class, CompletionCommand.class })
class MigratorCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	LoggingOptions logging = new LoggingOptions();

	/**
	 * Without a sub-command: the demo (emulator, seeded apps, a real migration, a check).
	 */
	@Override
	public Integer call() throws Exception {
		return DemoCommand.run(spec.commandLine().getOut(), spec.commandLine().getErr());
	}

}
