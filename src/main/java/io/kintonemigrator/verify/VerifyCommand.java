package io.kintonemigrator.verify;

import java.util.Locale;

import io.kintonemigrator.cli.KintoneClients;
import io.kintonemigrator.config.MigratorProperties;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.MigratorContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.ledger.MigrationLedger;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify --job FILE}: compares every migrated attachment on the target with its
 * source ({@link AttachmentVerifier}), through the same resilient clients and limits as
 * {@code migrate}, reading the ledger from the job's database. Prints every difference,
 * one line each; exit 0 only when all is identical.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = { "Compares source and target attachments of every migrated record:",
				"count, names, sizes and SHA-256 of the bytes. Lists every difference.",
				"Exit codes: 0 identical, 1 differences (or kintone could not be read), 2 configuration error." })
public class VerifyCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--job", required = true, paramLabel = "FILE",
			description = "The YAML job file; repeat it, or name a directory of job files, to verify several app pairs.")
	@Nullable List<Path> jobFiles;

	@Option(names = "--database", paramLabel = "JDBC_URL",
			description = "Database of the job repository and ledger, as given to migrate (default: the H2 file in the per-user data directory, see migrate --help).")
	@Nullable String database;

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		PrintWriter out = commandSpec.commandLine().getOut();
		PrintWriter err = commandSpec.commandLine().getErr();
		List<Path> files = JobFiles.expand(Objects.requireNonNull(jobFiles), err);
		if (files == null) {
			return ExitCodes.USAGE;
		}
		if (files.size() == 1) {
			return run(new JobConfigLoader(), files.get(0), database, out, err);
		}
		return runEach(files, out, err);
	}

	/**
	 * Verifies each pair in turn, then says how many are identical; the exit code is the
	 * worst of theirs.
	 */
	private int runEach(List<Path> files, PrintWriter out, PrintWriter err) {
		int worst = ExitCodes.COMPLETED;
		int identical = 0;
		for (Path file : files) {
			int exitCode = run(new JobConfigLoader(), file, database, out, err);
			identical += exitCode == ExitCodes.COMPLETED ? 1 : 0;
			worst = Math.max(worst, exitCode);
		}
		out.println("In total: " + identical + " of " + files.size() + " app pairs identical on their targets.");
		out.flush();
		return worst;
	}

	static int run(JobConfigLoader loader, Path jobFile, @Nullable String database, PrintWriter out, PrintWriter err) {
		try {
			JobConfig config = JobFiles.load(loader, jobFile, err);
			if (config == null) {
				return ExitCodes.USAGE;
			}
			String url = JobDatabase.usableUrl(database, err);
			if (url == null) {
				return ExitCodes.USAGE;
			}
			Path missing = JobDatabase.missingH2File(url);
			if (missing != null) {
				err.println("verify: no job database at " + missing.toAbsolutePath().normalize()
						+ "; run migrate first, or give --database as given to migrate");
				return ExitCodes.USAGE;
			}
			ConfigurableApplicationContext started = MigratorContext.startUnlessInUse(
					Map.of(JobDatabase.PROPERTY, url, MigratorContext.LAZY_INITIALIZATION, "true"), loader, err);
			if (started == null) {
				return ExitCodes.USAGE;
			}
			try (ConfigurableApplicationContext context = started) {
				KintoneClientFactory clients = context.getBean(KintoneClients.class).forLimits(config.limits());
				Path workDir = context.getBean(MigratorProperties.class).workDir();
				out.println("Verifying job '" + config.name() + "': source app " + config.source().app()
						+ " -> target app " + config.target().app() + " (onExisting: "
						+ config.onExisting().name().toLowerCase(Locale.ROOT) + ")");
				out.flush();
				VerificationResult result;
				try (KintoneClient source = clients.open(config.source());
						KintoneClient target = clients.open(config.target())) {
					result = new AttachmentVerifier(config, source, target, context.getBean(MigrationLedger.class),
							workDir.resolve("verify"))
						.verify(line -> {
							out.println("  " + line);
							out.flush();
						});
				}
				out.println("Compared " + result.filesCompared() + " attachment(s) of " + result.recordsCompared()
						+ " source record(s); " + String.format(Locale.ROOT, "%,d", result.bytesHashed())
						+ " bytes hashed.");
				if (result.identical()) {
					out.println("Every migrated attachment is identical on the target (names, sizes, SHA-256).");
					return ExitCodes.COMPLETED;
				}
				out.println(result.differences() + " difference(s); " + result.recordsNotMigrated()
						+ " source record(s) not migrated yet.");
				return ExitCodes.FAILED;
			}
			catch (KintoneException ex) {
				err.println("verify: kintone could not be read: " + ex.getMessage());
				return ExitCodes.FAILED;
			}
		}
		finally {
			out.flush();
			err.flush();
		}
	}

}
