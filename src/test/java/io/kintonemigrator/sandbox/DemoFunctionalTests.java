package io.kintonemigrator.sandbox;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.launch.MigrateCommand;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.seed.SeedFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set through {@code migrate}'s code path, its request count, and the demo
 * itself.
 */
class DemoFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void theDemoDataSetCostsAtMostTwoRequestsPerAttachmentPlusOnePerHundredRecords() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(DemoData.seed())
			.start()) {
			Path jobFile = tmp.resolve("demo.yml");
			try (InputStream demo = getClass().getResourceAsStream("/config/jobs/demo.yml")) {
				Files.copy(demo, jobFile);
			}
			int attachments = emulator.records(DemoData.SOURCE_APP).stream().mapToInt(r -> r.allFiles().size()).sum();
			long before = emulator.stats().totalRequests();
			StringWriter out = new StringWriter();

			int exitCode = MigrateCommand.run(
					JobConfigLoader.withVariables(
							Map.of("KAM_DEMO_BASE_URL", emulator.baseUrl().toString(), "KAM_DEMO_SOURCE_TOKEN",
									DemoData.SOURCE_TOKEN, "KAM_DEMO_TARGET_TOKEN", DemoData.TARGET_TOKEN)),
					jobFile, Map.of("spring.datasource.url", "jdbc:h2:file:" + tmp.resolve("db/demo"), "kam.work-dir",
							tmp.resolve("work").toString()),
					new PrintWriter(out), new PrintWriter(out));

			long requests = emulator.stats().totalRequests() - before;
			assertThat(exitCode).as(out.toString()).isZero();
			assertThat(DemoCommand.check(emulator)).isEmpty();
			assertThat(DemoCommand.withoutTarget(emulator)).containsExactly(60L);
			assertThat(out.toString()).contains("no target record has legacy_id = 60");
			int smallConstant = 8; // app.json and form fields of both apps, a short
									// source page, margin
			int records = emulator.records(DemoData.SOURCE_APP).size();
			assertThat(requests).as("requests for %d attachments in %d records", attachments, records)
				.isLessThanOrEqualTo(2L * attachments + (records + 99) / 100 + smallConstant);
		}
	}

	@Test
	void theDemoServesTheAppsOfTheDemoSeedFile() throws Exception {
		try (KintoneEmulator demo = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("demo"))
			.seed(DemoData.seed())
			.start();
				KintoneEmulator seedFile = KintoneEmulator.builder()
					.port(0)
					.dataDirectory(tmp.resolve("seed-file"))
					.seed(SeedFile.load(Path.of(DemoData.SEED)))
					.start()) {
			for (long app : List.of(DemoData.SOURCE_APP, DemoData.TARGET_APP)) {
				assertThat(definition(demo, app).name()).isEqualTo(definition(seedFile, app).name());
				assertThat(definition(demo, app).fields().keySet())
					.containsExactlyElementsOf(definition(seedFile, app).fields().keySet());
				assertThat(contents(demo, app)).as("app %d", app).isNotEmpty().isEqualTo(contents(seedFile, app));
			}
			assertThat(contents(demo, DemoData.SOURCE_APP)).hasSize(60);
		}
	}

	private static AppDefinition definition(KintoneEmulator emulator, long app) {
		return emulator.apps().stream().filter(definition -> definition.id() == app).findFirst().orElseThrow();
	}

	/** Each record: its id, fields and every file's name and SHA-256. */
	private static List<String> contents(KintoneEmulator emulator, long app) {
		return emulator.records(app)
			.stream()
			.map(record -> record.id() + " " + new TreeSet<>(record.values().keySet()) + " "
					+ record.allFiles().stream().map(file -> file.name() + ":" + file.sha256()).toList())
			.toList();
	}

	@Test
	void withoutArgumentsTheJarRunsTheDemoAndExitsZero() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err));

		assertThat(exitCode).as(out + "\n" + err).isZero();
		assertThat(out.toString()).contains("Job 'demo' completed.")
			.contains("every source attachment is on its target record exactly once");
	}

}
