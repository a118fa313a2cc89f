package io.kintonemigrator.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.http.TlsSettings;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.testsupport.AuthenticatingProxy;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job file's connection options, end to end: {@code migrate} in a child JVM moves
 * every file through a real authenticating HTTP proxy ({@code proxy}), past Basic
 * authentication in front of the emulator ({@code basicAuth*}), and to an HTTPS emulator
 * that demands a client certificate ({@code pfxFile*}); with a wrong or missing
 * credential each run ends with one line naming the fix, exit 2, nothing written. No
 * secret shows in the output, the work directory or the job database.
 */
class ConnectionOptionsFunctionalTests {

	private static final int RECORDS = 5;

	private static final String PROXY_USER = "migrator";

	/** With ':' and '@', which the proxy URL must carry as they are. */
	private static final String PROXY_PASSWORD = "pr0xy:p@ss-9d2";

	private static final String BASIC_USER = "gate";

	private static final String BASIC_PASSWORD = "basic-7Hq2-secret";

	@TempDir
	Path tmp;

	/** Made by the tests that need TLS; the migrate children then trust the server. */
	private TestCertificates certificates;

	private ChildJvm children;

	@BeforeEach
	void launcher() {
		this.children = ChildJvm.migrator();
	}

	/** No child JVM is left behind, even by a failed test. */
	@AfterEach
	void closeChildren() {
		this.children.close();
	}

	@Test
	void migratesThroughAnHttpProxyThatDemandsCredentials() throws Exception {
		certificates = TestCertificates.create(tmp.resolve("certs"));
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.tls(TlsSettings.serverOnly(certificates.serverKeys(), TestCertificates.PASSWORD))
			.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(PROXY_USER, PROXY_PASSWORD)) {
			Path job = jobFile(emulator, "proxied",
					"proxy: http://" + PROXY_USER + ":${KAM_TEST_PROXY_PASSWORD}@localhost:" + proxy.port());

			ChildJvm.Result run = migrate(job, Map.of("KAM_TEST_PROXY_PASSWORD", PROXY_PASSWORD));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.COMPLETED);
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
			assertThat(proxy.tunnels()).as("tunnels").isPositive();
			assertThat(proxy.refused()).as("the credentials went with the first CONNECT").isZero();
			assertThat(proxy.destinations()).containsOnly("localhost:" + emulator.port());
			// every file went down and up again through the tunnels (TLS adds to it)
			assertThat(proxy.relayedBytes()).isGreaterThan(2 * sourceBytes(emulator));
			assertNoSecretIn(run.output(), PROXY_PASSWORD, base64(PROXY_USER + ":" + PROXY_PASSWORD));
		}
	}

	@Test
	void aProxyThatRefusesThePasswordEndsTheRunWithOneLineAndExit2() throws Exception {
		certificates = TestCertificates.create(tmp.resolve("certs"));
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.tls(TlsSettings.serverOnly(certificates.serverKeys(), TestCertificates.PASSWORD))
			.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(PROXY_USER, PROXY_PASSWORD)) {
			Map<Long, List<String>> before = targetDocuments(emulator);
			Path job = jobFile(emulator, "proxied",
					"proxy: http://" + PROXY_USER + ":${KAM_TEST_PROXY_PASSWORD}@localhost:" + proxy.port());

			ChildJvm.Result run = migrate(job, Map.of("KAM_TEST_PROXY_PASSWORD", "wrong-Proxy-pass"));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.output()).contains("the proxy localhost:" + proxy.port() + " refused the user 'migrator'");
			assertThat(proxy.refused()).isPositive();
			assertThat(proxy.tunnels()).isZero();
			assertThat(emulator.requestLog()).isEmpty();
			assertThat(targetDocuments(emulator)).isEqualTo(before);
			assertNoSecretIn(run.output(), "wrong-Proxy-pass", base64(PROXY_USER + ":wrong-Proxy-pass"));
		}
	}

	@Test
	void migratesPastBasicAuthenticationInFrontOfKintone() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.basicAuth(BASIC_USER, BASIC_PASSWORD)
			.start()) {
			Files.writeString(Files.createDirectories(tmp.resolve("secrets")).resolve("basic.password"),
					BASIC_PASSWORD + "\n");
			Path job = jobFile(emulator, "gated", "basicAuthUsername: " + BASIC_USER,
					"basicAuthPasswordFile: secrets/basic.password");

			ChildJvm.Result run = migrate(job, Map.of());

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.COMPLETED);
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
			assertThat(emulator.requestLog()).isNotEmpty()
				.allSatisfy(entry -> assertThat(entry.status()).isNotEqualTo(401));
			assertNoSecretIn(run.output(), BASIC_PASSWORD, base64(BASIC_USER + ":" + BASIC_PASSWORD));
		}
	}

	@Test
	void aRefusedBasicAuthenticationEndsTheRunWithOneLineAndExit2() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.basicAuth(BASIC_USER, BASIC_PASSWORD)
			.start()) {
			Map<Long, List<String>> before = targetDocuments(emulator);
			Path job = jobFile(emulator, "gated", "basicAuthUsername: " + BASIC_USER,
					"basicAuthPassword: ${KAM_TEST_BASIC_PASSWORD}");

			ChildJvm.Result run = migrate(job, Map.of("KAM_TEST_BASIC_PASSWORD", "wrong-Basic-pass"));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.output()).contains("the Basic authentication in front of kintone refused the request");
			assertThat(emulator.requestLog()).isNotEmpty()
				.allSatisfy(entry -> assertThat(entry.status()).isEqualTo(401));
			assertThat(targetDocuments(emulator)).isEqualTo(before);
			assertNoSecretIn(run.output(), "wrong-Basic-pass", base64(BASIC_USER + ":wrong-Basic-pass"));
		}
	}

	@Test
	void migratesToASecureAccessHostWithAClientCertificate() throws Exception {
		certificates = TestCertificates.create(tmp.resolve("certs"));
		try (KintoneEmulator emulator = secureAccessEmulator()) {
			Path job = jobFile(emulator, "secure", "pfxFilePath: certs/client.pfx",
					"pfxFilePassword: ${KAM_TEST_PFX_PASSWORD}");

			ChildJvm.Result run = migrate(job, Map.of("KAM_TEST_PFX_PASSWORD", TestCertificates.PASSWORD));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.COMPLETED);
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
			assertNoSecretIn(run.output(), TestCertificates.PASSWORD);
		}
	}

	@Test
	void withoutTheClientCertificateTheHandshakeIsRefusedWithOneLineAndExit2() throws Exception {
		certificates = TestCertificates.create(tmp.resolve("certs"));
		try (KintoneEmulator emulator = secureAccessEmulator()) {
			Map<Long, List<String>> before = targetDocuments(emulator);
			Path job = jobFile(emulator, "secure");

			ChildJvm.Result run = migrate(job, Map.of());

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.output()).contains("give pfxFilePath and pfxFilePassword");
			assertThat(emulator.requestLog()).as("no request passed the handshake").isEmpty();
			assertThat(targetDocuments(emulator)).isEqualTo(before);
		}
	}

	@Test
	void aWrongCertificatePasswordIsOneLineBeforeAnyRequest() throws Exception {
		certificates = TestCertificates.create(tmp.resolve("certs"));
		try (KintoneEmulator emulator = secureAccessEmulator()) {
			Path job = jobFile(emulator, "secure", "pfxFilePath: certs/client.pfx", "pfxFilePassword: wrong-Pfx-pass");

			CommandRun run = CommandRun.cli("migrate", "--job", job.toString(), "--database",
					ChildJvm.databaseUrl(tmp));

			assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.err().lines()).hasSize(2)
				.allSatisfy(line -> assertThat(line).contains(".pfxFilePath: cannot open client certificate '")
					.contains("client.pfx")
					.contains("the password is wrong or the file is not PKCS#12"));
			assertThat(emulator.requestLog()).isEmpty();
			assertNoSecretIn(run.all(), "wrong-Pfx-pass");
		}
	}

	@Test
	void aMalformedProxyUrlIsOneLineThatDoesNotQuoteIt() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of()).start()) {
			Path job = jobFile(emulator, "proxied", "proxy: proxy.example.com:8080");

			CommandRun run = CommandRun.cli("migrate", "--job", job.toString(), "--database",
					ChildJvm.databaseUrl(tmp));

			assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.err().lines()).hasSize(2)
				.allSatisfy(line -> assertThat(line)
					.contains(".proxy: not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT")
					.doesNotContain("proxy.example.com"));
			assertThat(emulator.requestLog()).isEmpty();
		}
	}

	private KintoneEmulator secureAccessEmulator() {
		return MigrationApps.emulator(tmp, RECORDS, Set.of())
			.tls(TlsSettings.demandingClientCertificates(certificates.serverKeys(), TestCertificates.PASSWORD,
					certificates.clientTrust(), TestCertificates.PASSWORD))
			.start();
	}

	/** The two apps of {@link MigrationApps}, both sides with {@code options}. */
	private Path jobFile(KintoneEmulator emulator, String name, String... options) throws IOException {
		String indented = Stream.of(options).map(option -> "  " + option + "\n").collect(Collectors.joining());
		return Files.writeString(tmp.resolve(name + ".yml"), """
				name: %s
				source:
				  baseUrl: "%s"
				  app: 1
				  apiToken: %s
				%starget:
				  baseUrl: "%s"
				  app: 2
				  apiToken: %s
				%smatch: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 2 }
				""".formatted(name, emulator.baseUrl(), MigrationApps.SOURCE_TOKEN, indented, emulator.baseUrl(),
				MigrationApps.TARGET_TOKEN, indented));
	}

	/**
	 * {@code migrate} in a child JVM that trusts the test server certificate (when there
	 * is one) the standard Java way.
	 */
	private ChildJvm.Result migrate(Path job, Map<String, String> environment)
			throws IOException, InterruptedException {
		ChildJvm launcher = this.children.with(ChildJvm.shortBackoffs(tmp.resolve("work")).toArray(String[]::new));
		if (certificates != null) {
			launcher = launcher.with(certificates.trustServerOptions().toArray(String[]::new));
		}
		environment.forEach(launcher::environment);
		return launcher.run(tmp.resolve("migrate.log"), "migrate", "--job", job.toString(), "--database",
				ChildJvm.databaseUrl(tmp), "--reports-dir", tmp.resolve("reports").toString());
	}

	private static long sourceBytes(KintoneEmulator emulator) {
		return emulator.records(1)
			.stream()
			.flatMap(record -> record.allFiles().stream())
			.mapToLong(StoredFile::size)
			.sum();
	}

	private static Map<Long, List<String>> targetDocuments(KintoneEmulator emulator) {
		return MigrationApps.targets(emulator)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> MigrationApps.documents(entry.getValue())));
	}

	/**
	 * Neither the output nor any file the run left (work directory, reports, job
	 * database) holds any of the secret's {@code forms} (as given, a Basic header's
	 * base64); and no stack trace reached the user.
	 */
	private void assertNoSecretIn(String output, String... forms) throws IOException {
		assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
		List<Path> stored = new ArrayList<>();
		for (String dir : List.of("work", "reports", "db")) {
			if (Files.isDirectory(tmp.resolve(dir))) {
				try (Stream<Path> files = Files.walk(tmp.resolve(dir))) {
					files.filter(Files::isRegularFile).forEach(stored::add);
				}
			}
		}
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (Path file : stored) {
			all.write(Files.readAllBytes(file));
		}
		String bytes = all.toString(StandardCharsets.ISO_8859_1);
		for (String form : forms) {
			assertThat(output).doesNotContain(form);
			assertThat(bytes.contains(form)).as("'%s' in a stored file", form).isFalse();
			assertThat(
					bytes.contains(new String(form.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)))
				.as("'%s' in a stored file, UTF-16", form)
				.isFalse();
		}
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
