package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.DatabaseUrls;
import io.kintonemigrator.cli.ExitCodes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.MigrationApps;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret leaves the process except in the request headers meant for it: after real
 * runs of {@code migrate} (the source with a password from {@code passwordFile}, the
 * target with a token from {@code apiTokenFile}, DEBUG logging, a record skipped with its
 * error), neither the console, the command's output, the work directory nor any byte of
 * the H2 database holds the token, the password or its base64 form. And no command takes
 * a secret on its command line, where the process list would show it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakFunctionalTests {

	private static final String USER = "migrator";

	private static final String PASSWORD = "pw-Zq81-never-shown";

	@TempDir
	Path tmp;

	@BeforeEach
	void verboseLogging() {
		System.setProperty("logging.level.io.kintonemigrator", "DEBUG");
		System.setProperty("kam.work-dir", tmp.resolve("work").toString());
	}

	@AfterEach
	void resetLogging() {
		System.clearProperty("logging.level.io.kintonemigrator");
		System.clearProperty("kam.work-dir");
	}

	@Test
	void noTokenOrPasswordInTheConsoleTheOutputTheWorkDirectoryOrTheDatabase(CapturedOutput console) throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of(4)).start()) {
			emulator.seed(EmulatorSeed.builder().user(USER, PASSWORD).build());
			Path secrets = Files.createDirectory(tmp.resolve("secrets"));
			Files.writeString(secrets.resolve("source.password"), PASSWORD + "\n");
			Files.writeString(secrets.resolve("target.token"), MigrationApps.TARGET_TOKEN + "\n");
			Path job = Files.writeString(tmp.resolve("secret-check.yml"), """
					name: secret-check
					source: { baseUrl: "%s", app: 1, username: %s, passwordFile: secrets/source.password }
					target: { baseUrl: "%s", app: 2, apiTokenFile: secrets/target.token }
					match: { source: $id, target: legacy_id }
					files:
					  - { from: attachments, to: documents }
					  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
					limits: { chunkSize: 2 }
					""".formatted(emulator.baseUrl(), USER, emulator.baseUrl()));
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();

			int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
					job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"));

			String output = out + "\n" + err + "\n" + console.getAll();
			assertThat(exitCode).as(output).isEqualTo(ExitCodes.COMPLETED);
			assertThat(output).as("the skipped record is reported").contains("no target record has legacy_id = 4");
			// the secrets did reach kintone, in their headers
			assertThat(emulator.requestLog()).anySatisfy(
					entry -> assertThat(entry.header("X-Cybozu-API-Token")).isEqualTo(MigrationApps.TARGET_TOKEN));

			List<String> secretForms = List.of(MigrationApps.TARGET_TOKEN, PASSWORD, base64(USER + ":" + PASSWORD));
			for (String secret : secretForms) {
				assertThat(output).doesNotContain(secret);
			}
			List<Path> stored = files(tmp.resolve("db"));
			stored.addAll(files(tmp.resolve("work")));
			assertThat(stored).as("H2 files").anySatisfy(file -> assertThat(file.toString()).endsWith(".mv.db"));
			byte[] all = concatenate(stored);
			// the database keeps ASCII strings as they are (the secrets are ASCII), so a
			// secret in it would be found
			assertThat(indexOf(all, "items.drawing".getBytes(StandardCharsets.UTF_8))).as("a field in the ledger")
				.isNotNegative();
			assertThat(indexOf(all, "secret-check".getBytes(StandardCharsets.UTF_8))).isNotNegative();
			for (String secret : secretForms) {
				assertThat(indexOf(all, secret.getBytes(StandardCharsets.UTF_8))).as("UTF-8 in stored bytes")
					.isNegative();
				assertThat(indexOf(all, secret.getBytes(StandardCharsets.UTF_16BE))).as("UTF-16 in stored bytes")
					.isNegative();
			}
		}
	}

	@Test
	void noCommandTakesASecretOnItsCommandLine() {
		Pattern secretish = Pattern.compile("token|passw|secret|credential|api-?key|auth");
		List<String> options = new ArrayList<>();
		collect(MigratorCli.commandLine().getCommandSpec(), options);

		assertThat(options).as("every option of every command").anyMatch(option -> option.startsWith("migrate --job"));
		assertThat(options).noneMatch(option -> secretish.matcher(option.toLowerCase(Locale.ROOT)).find());
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db.example/kam?user=kam&password=pw-in-url",
			"jdbc:postgresql://kam:pw-in-url@db.example/kam", "jdbc:h2:file:./data/kam;USER=sa;PASSWORD=pw-in-url" })
	void aDatabasePasswordOnTheCommandLineIsRefusedWithoutShowingIt(String url) throws Exception {
		Path job = Files.writeString(tmp.resolve("any.yml"), "name: any\n");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
				job.toString(), "--database", url);

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().lines()).singleElement()
			.asString()
			.startsWith("--database: the JDBC URL holds a password")
			.contains("SPRING_DATASOURCE_PASSWORD");
		assertThat(out + err.toString()).doesNotContain("pw-in-url");
	}

	@Test
	void aDatabaseUrlWithoutAPasswordIsAccepted() {
		assertThat(DatabaseUrls.holdsPassword("jdbc:postgresql://db.example:5432/kam?sslmode=require")).isFalse();
		assertThat(DatabaseUrls.holdsPassword("jdbc:h2:file:./data/kam;DB_CLOSE_ON_EXIT=FALSE")).isFalse();
	}

	private static void collect(CommandSpec command, List<String> options) {
		for (OptionSpec option : command.options()) {
			options.add(command.name() + " " + String.join(" ", option.names()) + " "
					+ (option.paramLabel() == null ? "" : option.paramLabel()).replace("<", "")
						.replace(">", "")
						.replace("PARAM", ""));
		}
		for (CommandLine sub : command.subcommands().values()) {
			collect(sub.getCommandSpec(), options);
		}
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<Path> files(Path root) throws IOException {
		if (!Files.exists(root)) {
			return new ArrayList<>();
		}
		try (Stream<Path> paths = Files.walk(root)) {
			return new ArrayList<>(paths.filter(Files::isRegularFile).toList());
		}
	}

	private static byte[] concatenate(List<Path> files) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (Path file : files) {
			all.write(Files.readAllBytes(file));
		}
		return all.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
