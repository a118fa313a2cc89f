package io.kintonemigrator.sandbox;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code emulator} command: a child JVM serves the demo seed, prints what scripts
 * need, and stops.
 */
class EmulatorCommandTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void servesTheSeedPrintsBaseUrlAndTokensAndStopsOnSigterm() throws Exception {
		try (ChildJvm jvm = ChildJvm.migrator()) {
			Child child = jvm.startPiped("emulator", "--port", "0", "--seed", "config/demo/seed.yml");
			BufferedReader out = new BufferedReader(
					new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8));
			List<String> lines = CompletableFuture.supplyAsync(() -> readLines(out, 3)).get(60, TimeUnit.SECONDS);

			URI base = URI.create(lines.get(0));
			assertThat(base.getHost()).isEqualTo("localhost");
			JsonNode source = JSON.readTree(lines.get(1));
			JsonNode target = JSON.readTree(lines.get(2));
			assertThat(source.path("app").asLong()).isEqualTo(1);
			assertThat(source.path("name").asString()).isEqualTo("案件管理（移行元）");
			assertThat(target.path("apiToken").asString()).isEqualTo("demo-target-token");

			HttpResponse<String> records = this.http
				.send(HttpRequest.newBuilder(base.resolve("/k/v1/records.json?app=1&limit=500"))
					.header("X-Cybozu-API-Token", source.path("apiToken").asString())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(records.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(records.body()).path("records").size()).isEqualTo(60);

			child.terminate();
			assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
			assertThatThrownBy(() -> this.http.send(HttpRequest.newBuilder(base.resolve("/__emulator/stats")).build(),
					HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void badOptionsAreOneLineAndExitCode2() {
		assertUsageError("fault options: the fault rates add up to", "emulator", "--rate-429", "0.7", "--rate-stall",
				"0.7");
		assertUsageError("'--port'", "emulator", "--port", "eighty");
		assertUsageError("--port must be between 0 and 65535", "emulator", "--port", "70000");
		assertUsageError("Unknown option: '--colour'", "emulator", "--colour");
	}

	@Test
	void aBadSeedFileIsOneLineAndExitCode2(@TempDir Path directory) throws IOException {
		Path seed = Files.writeString(directory.resolve("seed.yml"), "apps:\n  - {id: 1, name: x, colour: red}\n");

		assertUsageError("unknown key 'apps[0].colour'", "emulator", "--port", "0", "--seed", seed.toString());
		assertUsageError("does not exist", "emulator", "--port", "0", "--seed",
				directory.resolve("none.yml").toString());
	}

	private static void assertUsageError(String expected, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exit = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), args);

		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().strip()).contains(expected).doesNotContain("\n");
		assertThat(out.toString()).isEmpty();
	}

	private static List<String> readLines(BufferedReader reader, int count) {
		List<String> lines = new ArrayList<>();
		try {
			while (lines.size() < count) {
				String line = reader.readLine();
				if (line == null) {
					throw new IllegalStateException("the emulator ended after printing " + lines);
				}
				lines.add(line);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return lines;
	}

}
