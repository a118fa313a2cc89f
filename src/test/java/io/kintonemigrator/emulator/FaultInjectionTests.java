package io.kintonemigrator.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault injection (kintone-api.md checklist 18) over real HTTP, with a fixed seed. */
class FaultInjectionTests {

	static final String BIG_TOKEN = "big-file-token";

	static final int BIG_SIZE = 200 * 1024;

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.seed(EmulatorSeed.builder()
				.app(AppSeed.builder(3, "Big")
					.field(FieldSpec.file("attachments"))
					.apiToken(BIG_TOKEN, TokenPermission.VIEW)
					.record((r) -> r.generatedFile("attachments", "大きい.bin", "application/octet-stream", BIG_SIZE, 9))
					.build())
				.build())
			.start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void tooManyRequestsLooksLikeKintonesConcurrencyLimit() {
		this.emulator.faults(FaultSettings.builder().tooManyRequests(1).build());

		Reply reply = this.http.get("/k/v1/record.json?app=1&id=1");

		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.code()).isEqualTo("GAIA_TO04");
		assertThat(reply.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
		assertThat(reply.header("X-Cybozu-Error")).isEqualTo("GAIA_TO04");
		assertThat(reply.header("X-ConcurrencyLimit-Limit")).isEqualTo("100");
		assertThat(reply.header("X-ConcurrencyLimit-Running")).isEqualTo("101");
		RequestLogEntry logged = this.emulator.requestLog().get(0);
		assertThat(logged.injectedFault()).isEqualTo("too-many-requests");
		assertThat(logged.app()).isEqualTo(1L);
		assertThat(logged.kintoneCode()).isEqualTo("GAIA_TO04");
		assertThat(this.emulator.stats().injectedFaults("too-many-requests")).isEqualTo(1);
	}

	@Test
	void serviceUnavailableIsPlainTextNotJson() {
		this.emulator.faults(FaultSettings.builder().serviceUnavailable(1).build());

		Reply reply = this.http.get("/k/v1/records.json?app=1");

		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.header("Content-Type")).startsWith("text/plain");
		assertThat(reply.text()).isEqualTo("Service Unavailable");
		assertThat(this.emulator.requestLog().get(0).injectedFault()).isEqualTo("service-unavailable");
	}

	@Test
	void databaseLockedIsKintonesTransientWriteError() {
		this.emulator.faults(FaultSettings.builder().databaseLocked(1).build());

		Reply reply = this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1,\"record\":{}}");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("GAIA_DA02");
		assertThat(reply.json().path("id").asString()).hasSize(20);
		assertThat(this.emulator.record(1, 1).orElseThrow().revision()).isEqualTo(1);
	}

	@Test
	void connectionResetCutsADownloadInMidBody() throws IOException {
		String fileKey = bigFileKey();
		this.emulator.faults(FaultSettings.builder().connectionReset(1).apis("file").build());

		RawResponse raw = rawGet("/k/v1/file.json?fileKey=" + fileKey, BIG_TOKEN);

		assertThat(raw.head()).startsWith("HTTP/1.1 200");
		assertThat(raw.contentLength()).isEqualTo(BIG_SIZE);
		assertThat(raw.body().length).isGreaterThan(0).isLessThan(BIG_SIZE);
		assertThat(this.emulator.stats().injectedFaults("connection-reset")).isEqualTo(1);
	}

	@Test
	void connectionResetCutsAJsonBodyAndTheClientSeesIt() throws IOException {
		this.emulator.faults(FaultSettings.builder().connectionReset(1).build());

		RawResponse raw = rawGet("/k/v1/record.json?app=1&id=1", TestSeeds.ALL);
		assertThat(raw.contentLength()).isGreaterThan(0);
		assertThat((long) raw.body().length).isLessThan(raw.contentLength());

		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		assertThatThrownBy(() -> client.send(this.http.request("/k/v1/record.json?app=1&id=1").build(),
				HttpResponse.BodyHandlers.ofByteArray()))
			.isInstanceOf(IOException.class);
	}

	@Test
	void stallHoldsTheRequestThenAnswersIt() {
		this.emulator.faults(FaultSettings.builder().stall(1).stallDuration(Duration.ofMillis(300)).build());

		long start = System.nanoTime();
		Reply reply = this.http.get("/k/v1/record.json?app=1&id=1");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.emulator.requestLog().get(0).injectedFault()).isEqualTo("stall");
	}

	@Test
	void latencyDelaysEveryAffectedRequest() {
		this.emulator.faults(
				FaultSettings.builder().latency(Duration.ofMillis(100)).latencyJitter(Duration.ofMillis(50)).build());

		long start = System.nanoTime();
		Reply reply = this.http.get("/k/v1/record.json?app=1&id=1");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(this.emulator.requestLog().get(0).injectedFault()).isNull();
	}

	@Test
	void bandwidthCapSlowsADownloadToTheCap() {
		String fileKey = bigFileKey();
		this.emulator.faults(FaultSettings.builder().bandwidthBytesPerSecond(1_000_000).build());

		long start = System.nanoTime();
		Reply reply = new EmulatorHttp(this.emulator.baseUrl()).withToken(BIG_TOKEN)
			.get("/k/v1/file.json?fileKey=" + fileKey);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).hasSize(BIG_SIZE);
		// 204,800 bytes at 1,000,000 bytes/s take at least 0.2 s; allow for the first
		// slice going out at once
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(150));
	}

	@Test
	void ratesAreHonouredOverManyRequests() {
		this.emulator.faults(FaultSettings.builder()
			.tooManyRequests(0.10)
			.serviceUnavailable(0.05)
			.databaseLocked(0.15)
			.seed(42)
			.build());

		List<Integer> statuses = statuses(400);

		assertThat(statuses.stream().filter((s) -> s == 429).count()).isBetween(20L, 65L);
		assertThat(statuses.stream().filter((s) -> s == 503).count()).isBetween(6L, 40L);
		assertThat(statuses.stream().filter((s) -> s == 400).count()).isBetween(35L, 90L);
		assertThat(statuses.stream().filter((s) -> s == 200).count()).isBetween(240L, 320L);
		assertThat(this.emulator.stats().injectedFaults("database-locked"))
			.isEqualTo(statuses.stream().filter((s) -> s == 400).count());
	}

	@Test
	void theSameSeedGivesTheSameSequence() {
		FaultSettings settings = FaultSettings.builder().tooManyRequests(0.3).databaseLocked(0.3).seed(7).build();
		this.emulator.faults(settings);
		List<Integer> first = statuses(60);
		this.emulator.faults(settings);
		List<Integer> second = statuses(60);
		this.emulator.faults(settings.toBuilder().seed(8).build());
		List<Integer> otherSeed = statuses(60);

		assertThat(first).contains(200, 400, 429);
		assertThat(second).isEqualTo(first);
		assertThat(otherSeed).isNotEqualTo(first);
	}

	@Test
	void faultsCanBeLimitedToSomeApisAndSwitchedOff() {
		String fileKey = bigFileKey();
		this.emulator.faults(FaultSettings.builder().tooManyRequests(1).apis("file").build());
		EmulatorHttp big = new EmulatorHttp(this.emulator.baseUrl()).withToken(BIG_TOKEN);

		assertThat(this.http.get("/k/v1/record.json?app=1&id=1").status()).isEqualTo(200);
		assertThat(big.get("/k/v1/file.json?fileKey=" + fileKey).status()).isEqualTo(429);

		this.emulator.faults(FaultSettings.none());
		assertThat(big.get("/k/v1/file.json?fileKey=" + fileKey).status()).isEqualTo(200);
	}

	@Test
	void theEmulatorsOwnEndpointsAreNeverFaulted() {
		this.emulator.faults(FaultSettings.builder().serviceUnavailable(1).build());

		Reply reply = new EmulatorHttp(this.emulator.baseUrl()).get("/__emulator/stats");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("totalRequests").asLong()).isZero();
	}

	@Test
	void faultSettingsRejectImpossibleValues() {
		assertThatThrownBy(() -> FaultSettings.builder().stall(1.5).build())
			.hasMessage("the stall rate must be between 0 and 1, got 1.5");
		assertThatThrownBy(() -> FaultSettings.builder().tooManyRequests(0.6).databaseLocked(0.6).build())
			.hasMessageContaining("make their sum at most 1");
		assertThatThrownBy(() -> FaultSettings.builder().bandwidthBytesPerSecond(-1).build())
			.hasMessageContaining("bandwidth");
	}

	private List<Integer> statuses(int requests) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			statuses.add(this.http.get("/k/v1/record.json?app=1&id=1").status());
		}
		return statuses;
	}

	private String bigFileKey() {
		return new EmulatorHttp(this.emulator.baseUrl()).withToken(BIG_TOKEN)
			.get("/k/v1/record.json?app=3&id=1")
			.json()
			.path("record")
			.path("attachments")
			.path("value")
			.path(0)
			.path("fileKey")
			.asString();
	}

	/**
	 * A GET over a bare socket, read to the end of the connection: shows exactly what
	 * arrived.
	 */
	private RawResponse rawGet(String pathAndQuery, String token) throws IOException {
		try (Socket socket = new Socket("localhost", this.emulator.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nX-Cybozu-API-Token: " + token
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			try {
				in.transferTo(all);
			}
			catch (IOException reset) {
				// a reset after the partial body is as good as an end of stream here
			}
			byte[] bytes = all.toByteArray();
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int headEnd = text.indexOf("\r\n\r\n");
			assertThat(headEnd).as("response head in %s", text).isPositive();
			String head = text.substring(0, headEnd);
			byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
			return new RawResponse(head, body);
		}
	}

	record RawResponse(String head, byte[] body) {

		long contentLength() {
			Matcher matcher = Pattern.compile("(?m)^content-length: *(\\d+)")
				.matcher(this.head.toLowerCase(Locale.ROOT));
			return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
		}

	}

}
