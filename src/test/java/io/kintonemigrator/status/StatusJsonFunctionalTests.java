package io.kintonemigrator.status;

import java.nio.file.Path;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildCommand;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.CommandTestFixture;
import io.kintonemigrator.testsupport.MigrationApps;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status --json} in a child JVM: standard output is exactly one JSON document
 * (nothing before or after it), with the same figures as the text.
 */
class StatusJsonFunctionalTests {

	private static final int RECORDS = 9;

	/** Fails on anything after the document. */
	static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@TempDir
	Path tmp;

	@Test
	void beforeAnyRunTheDocumentSaysTheDatabaseDoesNotExistAndMigrateWouldStart() throws Exception {
		CommandTestFixture fixture = new CommandTestFixture(tmp, RECORDS);
		try (KintoneEmulator emulator = fixture.emulator(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "json-new", "append", 4);

			CommandRun status = ChildCommand.run(tmp.resolve("child"), "status", "--json", "--job", job.toString(),
					"--database", fixture.database());

			assertThat(status.exitCode()).as(status.all()).isZero();
			JsonNode document = STRICT.readTree(status.out());
			assertThat(document.path("databaseExists").asBoolean()).isFalse();
			assertThat(document.path("jobs").size()).isZero();
			assertThat(document.path("jobFile").path("name").asString()).isEqualTo("json-new");
			assertThat(document.path("jobFile").path("nextMigrate").asString()).isEqualTo("start the job");
		}
	}

	@Test
	void afterARunTheDocumentHoldsTheExecutionWithItsCountsAndTheTextTheSame() throws Exception {
		CommandTestFixture fixture = new CommandTestFixture(tmp, RECORDS);
		try (KintoneEmulator emulator = fixture.emulator(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "json-run", "append", 4);
			assertThat(fixture.migrate(job).exitCode()).isZero();

			CommandRun status = ChildCommand.run(tmp.resolve("child"), "status", "--json", "--job", job.toString(),
					"--database", fixture.database());
			CommandRun text = ChildCommand.run(tmp.resolve("child"), "status", "--job", job.toString(), "--database",
					fixture.database());

			assertThat(status.exitCode()).as(status.all()).isZero();
			JsonNode document = STRICT.readTree(status.out());
			assertThat(document.path("databaseExists").asBoolean()).isTrue();
			JsonNode instance = document.path("jobs").get(0);
			assertThat(instance.path("name").asString()).isEqualTo("json-run");
			assertThat(instance.path("current").asBoolean()).isTrue();
			assertThat(instance.path("nextMigrate").asString()).isEqualTo("nothing: the job completed");
			JsonNode execution = instance.path("executions").get(0);
			assertThat(execution.path("status").asString()).isEqualTo("COMPLETED");
			assertThat(execution.path("startedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*[+-Z].*");
			assertThat(execution.path("migrate").path("recordsRead").asLong()).isEqualTo(RECORDS);
			long files = execution.path("migrate").path("filesMoved").asLong();
			assertThat(files).isEqualTo(MigrationApps.sourceAttachmentCount(emulator));
			assertThat(execution.path("lastError").isNull()).isTrue();
			assertThat(document.path("jobFile").path("hasExecutions").asBoolean()).isTrue();
			assertThat(text.out()).contains("execution " + execution.path("id").asLong() + "  COMPLETED")
				.contains("records read " + RECORDS + ", ")
				.contains("files moved " + files + " (");
		}
	}

}
