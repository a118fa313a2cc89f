package io.kintonemigrator.launch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.MigrationApps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --log-format json}: every line on stdout of a real run is a JSON object, and
 * none holds a secret.
 */
class JsonLogFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void everyStdoutLineIsJsonWithoutSecrets() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(5, Set.of(2)))
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "json-logs", "replace", 2);

			Process child = ChildMigrate.start(tmp, jobFile, List.of("--log-format", "json"));
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
			List<String> lines = Files.readAllLines(tmp.resolve("child.out"), StandardCharsets.UTF_8);

			assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
			JsonMapper json = JsonMapper.builder().build();
			List<JsonNode> events = lines.stream().filter(line -> !line.isBlank()).map(json::readTree).toList();
			assertThat(events).isNotEmpty().allSatisfy(event -> {
				assertThat(event.isObject()).isTrue();
				assertThat(event.path("message").isString()).as(event.toString()).isTrue();
				assertThat(event.path("log").path("level").asString()).isNotBlank();
			});
			assertThat(events).extracting(event -> event.path("message").asString())
				.anySatisfy(message -> assertThat(message).isEqualTo("Starting job 'json-logs'."))
				.anySatisfy(message -> assertThat(message).startsWith("| files moved"))
				.anySatisfy(message -> assertThat(message).isEqualTo("Job 'json-logs' completed."));
			String all = Files.readString(tmp.resolve("child.out")) + Files.readString(tmp.resolve("child.err"));
			assertThat(all).doesNotContain(MigrationApps.SOURCE_TOKEN).doesNotContain(MigrationApps.TARGET_TOKEN);
		}
	}

}
