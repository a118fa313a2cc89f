package io.kintonemigrator.emulator;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /__emulator/stats} and {@code /__emulator/requests}: outside {@code /k/}, no
 * auth, not counted.
 */
class OpsEndpointTests {

	/** 08:30 JST on 2 March = still kintone day 1 March. */
	TestClock clock = new TestClock(Instant.parse("2026-03-01T23:30:00Z"));

	KintoneEmulator emulator;

	EmulatorHttp http;

	EmulatorHttp anonymous;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().clock(this.clock).seed(TestSeeds.contracts()).start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
		this.anonymous = new EmulatorHttp(this.emulator.baseUrl());
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void statsShowCountsPerAppAndApiDailyCountsAndInjectedFaults() {
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.http.get("/k/v1/records.json?app=1");
		this.http.get("/k/v1/records.json?app=1");
		this.http.upload("a.txt", "text/plain", new byte[] { 1 });
		this.emulator.faults(FaultSettings.builder().databaseLocked(1).build());
		this.http.get("/k/v1/record.json?app=1&id=1");

		Reply reply = statsOnceTheLastRequestEnded();

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		JsonNode stats = reply.json();
		assertThat(stats.path("totalRequests").asLong()).isEqualTo(5);
		assertThat(stats.path("inFlight").asInt()).isZero();
		assertThat(stats.path("peakInFlight").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(stats.path("apps").path("1").path("GET record").asLong()).isEqualTo(2);
		assertThat(stats.path("apps").path("1").path("GET records").asLong()).isEqualTo(2);
		assertThat(stats.path("apis").path("POST file").asLong()).isEqualTo(1);
		assertThat(stats.path("dailyByApp").path("1").path("2026-03-01").asLong()).isEqualTo(4);
		assertThat(stats.path("injectedFaults").path("database-locked").asLong()).isEqualTo(1);
	}

	@Test
	void askingForStatsIsNotAKintoneRequest() {
		this.http.get("/k/v1/record.json?app=1&id=1");

		this.anonymous.get("/__emulator/stats");
		this.anonymous.get("/__emulator/requests");
		Reply reply = this.anonymous.get("/__emulator/stats");

		assertThat(reply.json().path("totalRequests").asLong()).isEqualTo(1);
		assertThat(this.emulator.requestLog()).hasSize(1);
	}

	@Test
	void requestsListTheLatestEntriesWithCredentialsMasked() {
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.http.get("/k/v1/record.json?app=1&id=99");
		new EmulatorHttp(this.emulator.baseUrl()).withPassword("alice", "secret").get("/k/v1/records.json?app=1");

		Reply reply = this.anonymous.get("/__emulator/requests?limit=2");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).doesNotContain(TestSeeds.ALL).doesNotContain(EmulatorHttp.basic("alice", "secret"));
		JsonNode requests = reply.json().path("requests");
		assertThat(requests.size()).isEqualTo(2);
		JsonNode notFound = requests.path(0);
		assertThat(notFound.path("path").asString()).isEqualTo("/k/v1/record.json");
		assertThat(notFound.path("api").asString()).isEqualTo("record");
		assertThat(notFound.path("app").asLong()).isEqualTo(1);
		assertThat(notFound.path("status").asInt()).isEqualTo(404);
		assertThat(notFound.path("kintoneCode").asString()).isEqualTo("GAIA_RE01");
		assertThat(notFound.path("headers").path("x-cybozu-api-token").path(0).asString()).isEqualTo("***");
		assertThat(requests.path(1).path("headers").path("x-cybozu-authorization").path(0).asString()).isEqualTo("***");
	}

	@Test
	void unknownOpsPathsAndBadLimitsAreRejected() {
		assertThat(this.anonymous.get("/__emulator/nothing").status()).isEqualTo(404);
		assertThat(this.anonymous.get("/__emulator/requests?limit=0").status()).isEqualTo(400);
	}

	/**
	 * The stats once the server has finished the last request: a client may read the
	 * whole answer before the server's filter leaves (and counts the request as ended),
	 * so {@code inFlight} is 0 only a moment later. Gives up after 10 s with the last
	 * stats.
	 */
	private Reply statsOnceTheLastRequestEnded() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		Reply reply = this.anonymous.get("/__emulator/stats");
		while (reply.json().path("inFlight").asInt() != 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			reply = this.anonymous.get("/__emulator/stats");
		}
		return reply;
	}

}
