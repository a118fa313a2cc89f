package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.MigrationApps;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad configuration corpus ({@code src/test/resources/bad-configs/}): every broken
 * job file goes through the real {@code migrate} command against the emulator and must
 * end with exit code 2, one line per problem naming the key and the fix (the file's
 * {@code # expect:} lines, fragments of one line separated by {@code " ... "}), no stack
 * trace, no secret, and not one write on the emulator.
 *
 * <p>
 * Corpus files may say {@code # as: directory} (the test puts a directory at the path) or
 * {@code # as: missing} (no file at the path). {@code @BASE_URL@},
 * {@code @SOURCE_TOKEN@}, {@code @TARGET_TOKEN@} and {@code @CLOSED_PORT@} are replaced
 * before the run. Every other secret in the corpus starts with {@code sekret-}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationFunctionalTests {

	private static final String PREFLIGHT_HEADER = "The job file does not fit the apps (nothing was written):";

	private static final List<String> SECRETS = List.of(MigrationApps.SOURCE_TOKEN, MigrationApps.TARGET_TOKEN,
			"sekret-");

	@TempDir
	static Path emulatorData;

	@TempDir
	Path tmp;

	static KintoneEmulator emulator;

	static int closedPort;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(emulatorData)
			.seed(MigrationApps.seed(3, Set.of()))
			.start();
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		// an unreachable host is retried like any transport failure: keep the backoff
		// short
		System.setProperty("kam.resilience.initial-backoff", "1ms");
		System.setProperty("kam.resilience.max-backoff", "5ms");
		System.setProperty("kam.resilience.max-attempts", "2");
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
		System.clearProperty("kam.resilience.initial-backoff");
		System.clearProperty("kam.resilience.max-backoff");
		System.clearProperty("kam.resilience.max-attempts");
	}

	static Stream<String> corpus() throws IOException, URISyntaxException {
		try (Stream<Path> files = Files.list(corpusDirectory())) {
			return files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".yml"))
				.sorted()
				.toList()
				.stream();
		}
	}

	@Test
	void theCorpusHasAtLeastThirtyCasesEachSayingWhatIsWrongAndWhatToExpect() throws Exception {
		List<String> cases = corpus().toList();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
		for (String name : cases) {
			String text = Files.readString(corpusDirectory().resolve(name));
			assertThat(text).as(name).startsWith("# wrong: ").contains("\n# expect: ");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void aBrokenJobFileExitsTwoWithOneLinePerProblemAndWritesNothing(String name, CapturedOutput console)
			throws Exception {
		// given
		String text = Files.readString(corpusDirectory().resolve(name));
		List<List<String>> expected = text.lines()
			.filter(line -> line.startsWith("# expect: "))
			.map(line -> Arrays.asList(line.substring("# expect: ".length()).split(" \\.\\.\\. ")))
			.toList();
		Path job = tmp.resolve(name);
		if (text.contains("\n# as: directory")) {
			Files.createDirectory(job);
		}
		else if (!text.contains("\n# as: missing")) {
			Files.writeString(job,
					text.replace("@BASE_URL@", emulator.baseUrl().toString())
						.replace("@SOURCE_TOKEN@", MigrationApps.SOURCE_TOKEN)
						.replace("@TARGET_TOKEN@", MigrationApps.TARGET_TOKEN)
						.replace("@CLOSED_PORT@", Integer.toString(closedPort)));
		}
		emulator.clearRequestLog();
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		// when
		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
				job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"));

		// then
		String all = out + "\n" + err;
		System.out.println("[" + name + "] exit " + exitCode + System.lineSeparator() + err.toString().strip());
		assertThat(exitCode).as(all).isEqualTo(ExitCodes.USAGE);
		List<String> problems = err.toString().lines().filter(line -> !line.equals(PREFLIGHT_HEADER)).toList();
		assertThat(problems).as(all).hasSameSizeAs(expected);
		for (List<String> fragments : expected) {
			assertThat(problems).as(all + "\nexpected a line with " + fragments)
				.anySatisfy(line -> assertThat(line).contains(fragments));
		}
		assertThat(all + console.getAll()).doesNotContain("\tat ", "Caused by:");
		for (String secret : SECRETS) {
			assertThat(all + console.getAll()).doesNotContain(secret);
		}
		List<RequestLogEntry> writes = emulator.requestLog()
			.stream()
			.filter(entry -> !entry.effectiveMethod().equals("GET"))
			.toList();
		assertThat(writes).isEmpty();
	}

	private static Path corpusDirectory() throws URISyntaxException {
		URL url = BadConfigurationFunctionalTests.class.getResource("/bad-configs");
		assertThat(url).as("bad-configs on the test class path").isNotNull();
		return Path.of(url.toURI());
	}

}
