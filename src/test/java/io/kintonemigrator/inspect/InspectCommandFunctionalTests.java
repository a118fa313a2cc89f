package io.kintonemigrator.inspect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildCommand;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inspect} against the emulator over HTTP: the FILE fields and tables of a job's
 * apps, of one app named cli-kintone's way (token from the environment, so in a child
 * JVM), a wrong token; and preflight's "did you mean" for a mistyped field code.
 */
class InspectCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void listsTheFileFieldsTablesAndKeysOfBothAppsOfAJob() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "inspect", "append", 4);

			CommandRun inspect = cli("inspect", "--job", job.toString());

			assertThat(inspect.exitCode()).as(inspect.all()).isZero();
			assertThat(inspect.err()).isEmpty();
			String host = "localhost:" + emulator.port();
			assertThat(inspect.out()).startsWith("Source app 1 on " + host + " (form revision ")
				.containsSubsequence("  FILE      attachments\n", "  SUBTABLE  items\n", "    FILE    items.drawing\n",
						"    rowKey candidates: item_no (SINGLE_LINE_TEXT)\n", "Target app 2 on " + host,
						"  FILE      documents\n", "  SUBTABLE  lines\n", "    FILE    lines.drawing\n",
						"    rowKey candidates: item_no (SINGLE_LINE_TEXT), memo (SINGLE_LINE_TEXT)\n",
						"  match.target candidates: $id, legacy_id (NUMBER, unique)\n")
				.doesNotContain("title");
		}
	}

	@Test
	void oneAppByBaseUrlAndAppWithTheTokenFromTheEnvironmentAndAWrongTokenIsOneLineExitTwo() throws Exception {
		try (KintoneEmulator emulator = start()) {
			CommandRun inspect = ChildCommand.run(tmp.resolve("child"),
					Map.of(InspectCommand.TOKEN_VARIABLE, MigrationApps.TARGET_TOKEN), "inspect", "--base-url",
					emulator.baseUrl().toString(), "--app", "2");
			CommandRun wrong = ChildCommand.run(tmp.resolve("child"),
					Map.of(InspectCommand.TOKEN_VARIABLE, MigrationApps.SOURCE_TOKEN), "inspect", "--base-url",
					emulator.baseUrl().toString(), "--app", "2");

			assertThat(inspect.exitCode()).as(inspect.all()).isZero();
			assertThat(inspect.out()).startsWith("App 2 on localhost:" + emulator.port())
				.contains("  FILE      documents\n")
				.contains("    FILE    lines.drawing\n");
			assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(wrong.out()).isEmpty();
			assertThat(wrong.err().lines()).singleElement()
				.asString()
				.startsWith("inspect: App 2 on localhost:" + emulator.port() + " cannot be read: ")
				.endsWith("; check --base-url (base URL, app, guest space) and the API token (view permission)")
				.doesNotContain(MigrationApps.SOURCE_TOKEN);
		}
	}

	@Test
	void withoutAnAppOrTokenItSaysWhatToGive() throws Exception {
		CommandRun none = cli("inspect");

		assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(none.err().lines()).singleElement()
			.isEqualTo("inspect: give --job FILE, or --base-url URL and --app ID (with $KINTONE_API_TOKEN)");
	}

	@Test
	void preflightSuggestsTheClosestFieldCodeForAMistypedOne() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "typo", "append", 4);
			Files.writeString(job,
					Files.readString(job)
						.replace("{ from: attachments, to: documents }", "{ from: attachment, to: documnets }")
						.replace("{ from: items.drawing, to: lines.drawing, rowKey: item_no }",
								"{ from: item.drawing, to: lines.drawin, rowKey: item_no }")
						.replace("target: legacy_id", "target: legacyid"));

			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/batch"));

			assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(migrate.err())
				.contains("match.target: the target app has no top-level field 'legacyid'; use a unique text or number"
						+ " field of the target app, or $id; did you mean 'legacy_id'?")
				.contains("files[0].from: the source app has no top-level field 'attachment'; did you mean"
						+ " 'attachments'?")
				.contains("files[0].to: the target app has no top-level field 'documnets'; did you mean 'documents'?")
				.contains("files[1].from: the source app has no table (SUBTABLE) 'item'; did you mean 'items'?")
				.contains("files[1].to: the table 'lines' of the target app has no field 'drawin'; did you mean"
						+ " 'drawing'?");
			assertThat(emulator.records(2)).allSatisfy(record -> assertThat(record.files("documents"))
				.allSatisfy(file -> assertThat(file.name()).startsWith("既存_")));
		}
	}

	private KintoneEmulator start() {
		return KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(3, Set.of()))
			.start();
	}

}
