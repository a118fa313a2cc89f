package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} from the command line: exit codes and the one-line-per-problem reports.
 */
class MigrateCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void aJobFileWithAnUnknownKeyIsExitCodeTwoWithOneLine() throws Exception {
		Path job = Files.writeString(tmp.resolve("bad.yml"),
				"name: x\nsource: { baseUrl: https://a.cybozu.com, app: 1, apitoken: t }\n");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
				job.toString());

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().lines()).singleElement()
			.asString()
			.startsWith(job + ": source.apitoken: unknown key; allowed here: ");
	}

	@Test
	void aMappingOntoANonFileFieldIsReportedBeforeAnyWrite() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 3, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "preflight-problems", "replace", 10);
			Files.writeString(job,
					Files.readString(job)
						.replace("to: documents", "to: title")
						.replace("rowKey: item_no", "rowKey: part_no"));
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();

			int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
					job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"));

			assertThat(exitCode).as(out + "\n" + err).isEqualTo(ExitCodes.USAGE);
			assertThat(err.toString())
				.contains("  files[0].to: 'title' is SINGLE_LINE_TEXT in the target app, not FILE")
				.contains("  files[1].rowKey: the table 'items' of the source app has no field 'part_no'")
				.contains("  files[1].rowKey: the table 'lines' of the target app has no field 'part_no'");
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API)).isZero();
			assertThat(emulator.stats().count("POST", "file")).isZero();
		}
	}

}
