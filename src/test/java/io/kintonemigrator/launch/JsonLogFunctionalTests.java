package io.kintonemigrator.launch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
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
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 5, Set.of(2)).start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "json-logs", "replace", 2);

			try (ChildJvm migrate = ChildJvm.migrate(tmp, jobFile).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"), "--log-format", "json");
				assertThat(child.awaitExit(Duration.ofSeconds(120))).isTrue();
				List<String> lines = Files.readAllLines(child.log(), StandardCharsets.UTF_8);

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
				assertThat(child.output()).doesNotContain(MigrationApps.SOURCE_TOKEN)
					.doesNotContain(MigrationApps.TARGET_TOKEN);
			}
		}
	}

}
