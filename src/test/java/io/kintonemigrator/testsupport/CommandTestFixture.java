package io.kintonemigrator.testsupport;

import io.kintonemigrator.launch.MigrateCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.KintoneEmulatorBuilder;
import jakarta.servlet.Filter;

import org.jspecify.annotations.Nullable;

/**
 * What the command tests ({@code status}, {@code verify}) share under one temp directory:
 * an emulator with the {@link MigrationApps} apps, the job database, and {@code migrate}
 * runs.
 */
public final class CommandTestFixture {

	private final Path tmp;

	private final int records;

	public CommandTestFixture(Path tmp, int records) {
		this.tmp = tmp;
		this.records = records;
	}

	/**
	 * Starts the emulator, every request going through {@code filter} when one is given;
	 * the caller closes it.
	 */
	public KintoneEmulator emulator(@Nullable Filter filter) {
		KintoneEmulatorBuilder builder = MigrationApps.emulator(tmp, records, Set.of());
		if (filter != null) {
			builder.requestFilter(filter);
		}
		return builder.start();
	}

	public String database() {
		return "jdbc:h2:file:" + tmp.resolve("db/batch");
	}

	/** migrate, with retries cut short so a broken transfer fails the run at once. */
	public CommandRun migrate(Path job) throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = MigrateCommand.run(
				new JobConfigLoader(), job, Map.of("spring.datasource.url", database(), "kam.work-dir",
						tmp.resolve("work").toString(), "kam.resilience.max-attempts", "1"),
				new PrintWriter(out), new PrintWriter(err));
		return new CommandRun(exitCode, out.toString(), err.toString());
	}

}
