package io.kintonemigrator.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.testsupport.ChildCommand;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan --json} in a child JVM against the emulator: standard output is exactly one
 * JSON document with the figures the text plan prints.
 */
class PlanJsonFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void stdoutIsOneJsonDocumentWithTheTextPlansFigures() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(RECORDS, Set.of()))
			.start()) {
			Path job = PlanCommandFunctionalTests.withLimits(
					MigrationApps.jobFile(tmp, emulator, "plan-json", "append", 4),
					"{ concurrency: 4, requestsPerSecond: 1000, chunkSize: 4, dailyRequestBudget: 6 }");

			CommandRun json = ChildCommand.run(tmp.resolve("child"), "plan", "--json", "--job", job.toString(),
					"--latency-ms", "10");
			CommandRun text = ChildCommand.run(tmp.resolve("child"), "plan", "--job", job.toString(), "--latency-ms",
					"10");

			assertThat(json.exitCode()).as(json.all()).isZero();
			JsonNode plan = JsonMapper.builder()
				.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.build()
				.readTree(json.out());
			List<StoredFile> files = emulator.records(1).stream().flatMap(r -> r.allFiles().stream()).toList();
			assertThat(plan.path("job").asString()).isEqualTo("plan-json");
			assertThat(plan.path("dryRun").asBoolean()).isTrue();
			assertThat(plan.path("source").path("recordsRead").asLong()).isEqualTo(RECORDS);
			assertThat(plan.path("source").path("attachments").asLong()).isEqualTo(files.size());
			assertThat(plan.path("source").path("bytes").asLong())
				.isEqualTo(files.stream().mapToLong(StoredFile::size).sum());
			assertThat(plan.path("source").path("largest").path("size").asLong())
				.isEqualTo(files.stream().mapToLong(StoredFile::size).max().orElseThrow());
			JsonNode requests = plan.path("requests");
			assertThat(text.out())
				.contains("source app 1: " + requests.path("source").path("counted").asLong() + " counted = ")
				.contains("; " + requests.path("source").path("notCounted").asLong() + " not counted = ")
				.contains("target app 2: " + requests.path("target").path("counted").asLong() + " counted = ")
				.contains("= max((" + plan.path("duration").path("serialRequests").asLong() + " serial requests + 2 x "
						+ plan.path("duration").path("transferWaves").asLong() + " transfer waves)")
				.contains("the migration needs " + plan.path("budget").path("kintoneDays").asLong() + " kintone days");
			assertThat(plan.path("duration").path("latencyMillis").asLong()).isEqualTo(10);
			assertThat(plan.path("budget").path("dailyRequestBudget").asLong()).isEqualTo(6);
		}
	}

}
