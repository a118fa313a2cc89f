package io.kintonemigrator.resilience;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;
import io.kintonemigrator.kintone.okhttp.EmulatorApps;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.SlowRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE_TOKEN;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET;
import static java.util.logging.Level.ALL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log line (ours and OkHttp's at TRACE, everything else at INFO,
 * java.util.logging bridged in) of a run with 30% injected transient faults, 429s from
 * the domain's concurrency limit, permanent errors, failed logins and an unreachable
 * host, and finds no credential in it, nor in any exception message or toString.
 */
class LogRedactionTests {

	@TempDir
	Path dir;

	private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private final List<Logger> raised = new ArrayList<>();

	@BeforeEach
	void captureAllLogs() {
		LogManager.getLogManager().reset();
		SLF4JBridgeHandler.install();
		// java.util.logging's root logger passes everything to the bridge
		LogManager.getLogManager().getLogger("").setLevel(ALL);
		for (String name : List.of("io.kintonemigrator.kintone", "io.kintonemigrator.resilience", "okhttp3", "okio",
				"io.github.resilience4j")) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			logger.setLevel(Level.TRACE);
			raised.add(logger);
		}
		captured.start();
		root.addAppender(captured);
	}

	@AfterEach
	void stopCapturing() {
		root.detachAppender(captured);
		raised.forEach(logger -> logger.setLevel(null));
		SLF4JBridgeHandler.uninstall();
	}

	@Test
	void noCredentialAppearsInAnyLogLineOrExceptionOfARunWithFaults() throws Exception {
		List<String> texts = new ArrayList<>();
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.concurrencyLimit(2)
			.requestFilter(SlowRequests.delay(Duration.ofMillis(20)))
			.faults(FaultSettings.builder().mixedRate(0.3).stallDuration(Duration.ofMillis(10)).seed(7).build())
			.seed(EmulatorApps.seed())
			.start(); OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory()) {
			ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp,
					ResilientKintoneClientTests.STORM, new SimpleMeterRegistry());
			KintoneConnection byPassword = new KintoneConnection(emulator.baseUrl(), new AppId(TARGET), null,
					new Credentials.Password(EmulatorApps.USER, new Secret(EmulatorApps.PASSWORD)),
					new KintoneConnection.BasicAuth("gate", new Secret(EmulatorApps.BASIC_PASSWORD)), null, null,
					KintoneConnection.Timeouts.defaults(), false);
			KintoneClient source = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));
			KintoneClient target = factory.open(byPassword);
			texts.add(byPassword.toString());
			texts.add(source.toString());
			texts.add(target.toString());

			// retries: a domain that takes two requests at a time, asked by 6 threads
			// through 3 slots
			List<FileInfo> files = new ArrayList<>();
			for (long id = 2; id <= 7; id++) {
				files.addAll(source.record(id).files("att"));
			}
			ExecutorService pool = Executors.newFixedThreadPool(6);
			List<Future<FileKey>> copies = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				FileInfo file = files.get(i % files.size());
				Path temp = dir.resolve("copy-" + i);
				copies.add(pool.submit(() -> {
					source.download(file.fileKey(), temp);
					return target.upload(temp, file.name(), file.contentType());
				}));
			}
			for (Future<FileKey> copy : copies) {
				copy.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			// permanent errors, a failed login, an unreachable host
			texts.add(failure(() -> source.record(9999)));
			texts.add(
					failure(() -> okhttp
						.open(new KintoneConnection(emulator.baseUrl(), new AppId(TARGET), null,
								new Credentials.Password(EmulatorApps.USER,
										new Secret(EmulatorApps.PASSWORD + "-wrong")),
								null, null, null, KintoneConnection.Timeouts.defaults(), false))
						.appInfo()));
			texts.add(
					failure(() -> factory
						.open(new KintoneConnection(URI.create("http://localhost:9"), new AppId(SOURCE), null,
								new Credentials.ApiTokens(List.of(new Secret(SOURCE_TOKEN))), null, null, null,
								new KintoneConnection.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
										Duration.ofSeconds(1)),
								false))
						.appInfo()));
			assertThat(emulator.requestLog().stream().filter(r -> r.status() == 429).count()).as("429 answers")
				.isPositive();
		}

		captured.list.forEach(event -> {
			texts.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		});
		assertThat(captured.list).as("captured log events")
			.anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("retries on this domain so far"))
			.anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("/k/v1/file.json"));
		List<String> forbidden = new ArrayList<>(EmulatorApps.SECRETS);
		forbidden.add(Base64.getEncoder()
			.encodeToString((EmulatorApps.USER + ":" + EmulatorApps.PASSWORD).getBytes(StandardCharsets.UTF_8)));
		forbidden.add(Base64.getEncoder()
			.encodeToString(("gate:" + EmulatorApps.BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		for (String text : texts) {
			for (String secret : forbidden) {
				assertThat(text).doesNotContain(secret);
			}
		}
	}

	private static String failure(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			StringWriter trace = new StringWriter();
			ex.printStackTrace(new PrintWriter(trace));
			return ex + "\n" + trace;
		}
		throw new AssertionError("expected a failure");
	}

}
