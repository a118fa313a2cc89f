package io.kintonemigrator.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.okhttp.EmulatorApps;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.SlowRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE_TOKEN;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resilient client against the emulator: what is retried, what is not, and how much
 * runs at once.
 */
class ResilientKintoneClientTests {

	/**
	 * Fast backoff so retries take milliseconds; a circuit that only a total outage
	 * opens.
	 */
	static final ResilienceSettings FAST = ResilienceSettings.builder()
		.backoff(Duration.ofMillis(1), Duration.ofMillis(20))
		.requestsPerSecond(10_000)
		.maxAttempts(20)
		.circuitBreaker(100, 50, 50)
		.openStateWait(Duration.ofMillis(5))
		.build();

	/**
	 * For an emulator holding each request 20 ms: 3 slots against its limit of 2, and
	 * waits longer than that hold, so a refused call comes back when the two calls that
	 * beat it are done. The floor of 3 keeps the limit from adapting to the domain's
	 * report: a neighbour we cannot see takes the slots.
	 */
	static final ResilienceSettings STORM = FAST.toBuilder()
		.maxConcurrentCalls(3)
		.minConcurrentCalls(3)
		.backoff(Duration.ofMillis(25), Duration.ofMillis(200))
		.multiplier(1.5)
		.build();

	@TempDir
	Path dir;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory();

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	private KintoneEmulator emulator;

	@AfterEach
	void stop() {
		pool.shutdownNow();
		okhttp.close();
		if (emulator != null) {
			emulator.close();
		}
	}

	private List<RequestLogEntry> requests(String method, String path) {
		return emulator.requestLog()
			.stream()
			.filter(r -> r.effectiveMethod().equals(method) && r.path().equals(path))
			.toList();
	}

	@Test
	void aPermanentErrorIsTriedOnce() {
		emulator = KintoneEmulator.builder().port(0).seed(EmulatorApps.seed()).start();
		ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp, FAST, meters);
		KintoneClient source = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));

		assertThatThrownBy(() -> source.record(9999)).isInstanceOfSatisfying(KintoneApiException.class,
				ex -> assertThat(ex.code()).isEqualTo("GAIA_RE01"));
		assertThatThrownBy(() -> source.download(new FileKey("20990101DEADBEEF"), dir.resolve("x")))
			.isInstanceOfSatisfying(KintoneApiException.class, ex -> assertThat(ex.code()).isEqualTo("GAIA_BL01"));

		assertThat(requests("GET", "/k/v1/record.json")).hasSize(1);
		assertThat(requests("GET", "/k/v1/file.json")).hasSize(1);
	}

	@Test
	void aStormOf429sIsAbsorbedWithoutExceedingTheConcurrencyOfTheDomain() throws Exception {
		// given a domain that answers 429 above 2 requests in flight, and a client
		// allowed 3 at once
		emulator = KintoneEmulator.builder()
			.port(0)
			.concurrencyLimit(2)
			.requestFilter(SlowRequests.delay(Duration.ofMillis(20)))
			.seed(EmulatorApps.seed())
			.start();
		ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp, STORM, meters);
		// source and target are two apps of one domain: they share its budget
		KintoneClient source = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));
		KintoneClient target = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), TARGET, TARGET_TOKEN));
		List<FileInfo> files = new ArrayList<>();
		for (long id = 2; id <= 7; id++) {
			files.addAll(source.record(id).files("att"));
		}

		// when 8 threads copy files from source to target at once
		List<Future<FileKey>> copies = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			FileInfo file = files.get(i % files.size());
			Path temp = dir.resolve("copy-" + i);
			copies.add(pool.submit(() -> {
				source.download(file.fileKey(), temp);
				return target.upload(temp, file.name(), file.contentType());
			}));
		}
		List<FileKey> uploaded = new ArrayList<>();
		for (Future<FileKey> copy : copies) {
			uploaded.add(copy.get(60, TimeUnit.SECONDS));
		}
		target.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(1), null,
				Map.of("att", new FieldUpdate.Files(uploaded)))));

		// then every copy arrived, the emulator refused some requests, and never saw more
		// than 3 at once
		assertThat(emulator.record(TARGET, 1).orElseThrow().files("att")).hasSize(24);
		long refused = emulator.requestLog().stream().filter(r -> r.status() == 429).count();
		assertThat(refused).as("429 answers").isPositive();
		assertThat(emulator.stats().peakInFlight()).isLessThanOrEqualTo(3);
		String domain = "localhost:" + emulator.port();
		// a 429 is waited out below the retry layer: it uses up no attempt
		assertThat(meters.get("kintone.busy.retries").tag("name", domain).functionCounter().count()).isEqualTo(refused);
		assertThat(meters.get("kintone.concurrency.max").tag("name", domain).gauge().value()).isEqualTo(3);
		assertThat(meters.get("kintone.concurrency.limit").tag("name", domain).gauge().value()).isEqualTo(3);
		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", domain).gauges()).isNotEmpty();
		assertThat(meters.find("resilience4j.ratelimiter.available.permissions").tag("name", domain).gauge())
			.isNotNull();
	}

	@Test
	void clientsOfDifferentDomainsDoNotShareABudget() {
		ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp, FAST, meters);
		emulator = KintoneEmulator.builder().port(0).seed(EmulatorApps.seed()).start();
		try (KintoneEmulator other = KintoneEmulator.builder().port(0).seed(EmulatorApps.seed()).start()) {
			factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));
			factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), TARGET, TARGET_TOKEN));
			factory.open(EmulatorApps.tokenConnection(other.baseUrl(), TARGET, TARGET_TOKEN));

			assertThat(factory.guardOf("localhost:" + emulator.port())).isNotNull()
				.isNotSameAs(factory.guardOf("localhost:" + other.port()));
			assertThat(meters.find("kintone.concurrency.limit").gauges()).hasSize(2);
		}
	}

}
