package io.kintonemigrator.launch;

import io.kintonemigrator.testsupport.DirectClients;

import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.ClientFactoryProvider;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring wiring of job, scopes, transactions and launcher, on in-memory apps: a first
 * run, a resumed failure, a completed job run again, and a preflight problem. The real
 * stories run against the emulator over HTTP in the functional tests.
 */
@SpringBootTest(properties = { "spring.batch.job.enabled=false", "kam.chunk-size=2",
		"spring.datasource.url=jdbc:h2:file:./target/wiring-tests/db-${random.uuid}" })
class MigrationLauncherWiringTests {

	static final InMemoryKintoneClient SOURCE = new InMemoryKintoneClient(1);

	static final InMemoryKintoneClient TARGET = new InMemoryKintoneClient(2);

	/** Apps 3 and 4: empty, for the test that only cares about the job repository. */
	static final InMemoryKintoneClient EMPTY_SOURCE = new InMemoryKintoneClient(3);

	static final InMemoryKintoneClient EMPTY_TARGET = new InMemoryKintoneClient(4);

	@TempDir
	Path tmp;

	@Autowired
	MigrationLauncher launcher;

	@TestConfiguration
	static class InMemoryApps {

		@Bean
		@Primary
		ClientFactoryProvider inMemoryClients() {
			return DirectClients.over(connection -> switch ((int) connection.app().value()) {
				case 1 -> SOURCE;
				case 2 -> TARGET;
				case 3 -> EMPTY_SOURCE;
				default -> EMPTY_TARGET;
			});
		}

	}

	@Autowired
	JobRepository jobRepository;

	@Test
	void anInstanceACrashLeftWithoutExecutionDoesNotBlockTheJob() throws Exception {
		EMPTY_SOURCE.form(new FormFields(
				Map.of("attachments", new FieldProperty("attachments", "FILE", "a", false, false, Map.of())), 1));
		EMPTY_TARGET.form(new FormFields(
				Map.of("documents", new FieldProperty("documents", "FILE", "d", false, false, Map.of())), 1));
		Path jobFile = Files.writeString(tmp.resolve("orphan.yml"), """
				name: orphan
				source: { baseUrl: "http://localhost:1", app: 3, apiToken: s }
				target: { baseUrl: "http://localhost:1", app: 4, apiToken: t }
				match: { source: $id, target: $id }
				files: [ { from: attachments, to: documents } ]
				""");
		JobConfig config = new JobConfigLoader().load(jobFile);
		jobRepository.createJobInstance(AttachmentMigrationJobConfiguration.JOB_NAME,
				MigrationLauncher.parameters(config, jobFile));
		StringWriter out = new StringWriter();

		MigrationLauncher.Outcome outcome = launcher.migrate(config, jobFile, new PrintWriter(out),
				new PrintWriter(out));

		assertThat(outcome.exitCode()).as(out.toString()).isEqualTo(ExitCodes.COMPLETED);
	}

	@Test
	void runsResumesAndThenHasNothingToDo() throws Exception {
		FieldProperty file = new FieldProperty("attachments", "FILE", "a", false, false, Map.of());
		SOURCE.form(new FormFields(Map.of("attachments", file), 1));
		TARGET.form(new FormFields(
				Map.of("documents", new FieldProperty("documents", "FILE", "d", false, false, Map.of())), 1));
		for (long id = 1; id <= 5; id++) {
			SOURCE.file("src-" + id, ("content " + id).getBytes(StandardCharsets.UTF_8));
			SOURCE.record(new KintoneRecord(id, 1, Map.of("attachments", new FieldValue.Files(
					List.of(new FileInfo(new FileKey("src-" + id), "f" + id + ".txt", "text/plain", 9))))));
			TARGET.record(new KintoneRecord(id, 1, Map.of("documents", new FieldValue.Files(List.of()))));
		}
		TARGET.beforeUpdate = updates -> {
			if (updates.stream().anyMatch(u -> u.toString().contains("id=3"))) {
				throw new IllegalStateException("planned failure at record 3");
			}
		};
		Path jobFile = Files.writeString(tmp.resolve("job.yml"), """
				name: wiring
				source: { baseUrl: "http://localhost:1", app: 1, apiToken: s }
				target: { baseUrl: "http://localhost:1", app: 2, apiToken: t }
				match: { source: $id, target: $id }
				files: [ { from: attachments, to: documents } ]
				""");
		JobConfig config = new JobConfigLoader().load(jobFile);

		// run 1 fails in the second chunk
		StringWriter out = new StringWriter();
		MigrationLauncher.Outcome first = launcher.migrate(config, jobFile, new PrintWriter(out), new PrintWriter(out));
		assertThat(first.exitCode()).as(out.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(TARGET.stored(1).files("documents")).hasSize(1);
		assertThat(TARGET.stored(3).files("documents")).isEmpty();

		// run 2 resumes after the committed checkpoint and completes
		TARGET.beforeUpdate = updates -> {
		};
		int updatesBefore = TARGET.updateRequests.size();
		MigrationLauncher.Outcome second = launcher.migrate(config, jobFile, new PrintWriter(out),
				new PrintWriter(out));
		assertThat(second.exitCode()).as(out.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(SOURCE.pageRequests).last().asString().startsWith("after=2 ");
		assertThat(TARGET.updateRequests.size() - updatesBefore).isEqualTo(2);
		for (long id = 1; id <= 5; id++) {
			assertThat(TARGET.stored(id).files("documents")).hasSize(1);
		}

		// run 3: nothing to do
		StringWriter third = new StringWriter();
		assertThat(launcher.migrate(config, jobFile, new PrintWriter(third), new PrintWriter(third)).exitCode())
			.isEqualTo(ExitCodes.COMPLETED);
		assertThat(third.toString()).contains("already completed").contains("nothing to do");
	}

}
