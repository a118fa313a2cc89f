package io.kintonemigrator.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tests can observe: the request log and the counters (kintone-api.md §7, checklist
 * 20).
 */
class RequestLogAndStatsTests {

	/** 08:30 JST on 2 March = still kintone day 1 March. */
	TestClock clock = new TestClock(Instant.parse("2026-03-01T23:30:00Z"));

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().clock(this.clock).seed(TestSeeds.contracts()).start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void everyRequestIsLoggedWithAppApiStatusAndCode() {
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.http.json("POST", "/k/v1/records.json", "{\"app\":1,\"query\":\"$id > 1\"}", "X-HTTP-Method-Override",
				"GET");
		this.http.get("/k/v1/record.json?app=1&id=999");
		this.http.get("/k/v1/Nothing.json");

		List<RequestLogEntry> log = this.emulator.requestLog();
		assertThat(log).hasSize(4);
		RequestLogEntry first = log.get(0);
		assertThat(first.method()).isEqualTo("GET");
		assertThat(first.path()).isEqualTo("/k/v1/record.json");
		assertThat(first.api()).isEqualTo("record");
		assertThat(first.app()).isEqualTo(1L);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.kintoneCode()).isNull();
		assertThat(first.header("X-Cybozu-API-Token")).isEqualTo(TestSeeds.ALL);
		assertThat(log.get(1).method()).isEqualTo("POST");
		assertThat(log.get(1).effectiveMethod()).isEqualTo("GET");
		assertThat(log.get(2).status()).isEqualTo(404);
		assertThat(log.get(2).kintoneCode()).isEqualTo("GAIA_RE01");
		assertThat(log.get(3).api()).isNull();
	}

	@Test
	void theLogNeverPrintsCredentials() {
		new EmulatorHttp(this.emulator.baseUrl()).withPassword("alice", "secret").get("/k/v1/record.json?app=1&id=1");

		String printed = this.emulator.requestLog().toString();
		assertThat(printed).doesNotContain(TestSeeds.ALL).doesNotContain(EmulatorHttp.basic("alice", "secret"));
	}

	@Test
	void countsPerAppAndApi() {
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.http.get("/k/v1/record.json?app=1&id=2");
		this.http.get("/k/v1/records.json?app=1");
		this.http.json("PUT", "/k/v1/record.json", "{\"app\":1,\"id\":1}");
		this.http.upload("a.txt", "text/plain", new byte[] { 1 });
		new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.APP2).get("/k/v1/records.json?app=2");

		EmulatorStats stats = this.emulator.stats();
		assertThat(stats.count(1, "GET", "record")).isEqualTo(2);
		assertThat(stats.count(1, "GET", "records")).isEqualTo(1);
		assertThat(stats.count(1, "PUT", "record")).isEqualTo(1);
		assertThat(stats.count(2, "GET", "records")).isEqualTo(1);
		assertThat(stats.count(1)).isEqualTo(4);
		assertThat(stats.count("POST", "file")).isEqualTo(1);
		assertThat(stats.count("GET", "records")).isEqualTo(2);
		assertThat(stats.totalRequests()).isEqualTo(6);
		assertThat(stats.peakInFlight()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void dailyCountsFollowTheKintoneDayStartingAt0900Jst() {
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.clock.advance(Duration.ofMinutes(29));
		this.http.get("/k/v1/record.json?app=1&id=1");
		this.clock.advance(Duration.ofMinutes(1));
		this.http.get("/k/v1/record.json?app=1&id=1");

		EmulatorStats stats = this.emulator.stats();
		assertThat(stats.dailyCount(1, LocalDate.of(2026, 3, 1))).isEqualTo(2);
		assertThat(stats.dailyCount(1, LocalDate.of(2026, 3, 2))).isEqualTo(1);
		assertThat(EmulatorStats.kintoneDay(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
	}

	@Test
	void dailyCountsLeaveOutFilesAndBulkRequestsAsKintoneDoes() {
		String uploadKey = this.http.upload("a.txt", "text/plain", new byte[] { 1 }).json().get("fileKey").asString();
		assertThat(this.http
			.json("POST", "/k/v1/bulkRequest.json",
					"{\"requests\":[{\"method\":\"PUT\",\"api\":\"/k/v1/records.json\",\"payload\":{\"app\":1,"
							+ "\"records\":[{\"id\":2,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\""
							+ uploadKey + "\"}]}}}]}}]}")
			.status()).isEqualTo(200);
		String downloadKey = this.http.get("/k/v1/record.json?app=1&id=2")
			.json()
			.path("record")
			.path("attachments")
			.path("value")
			.get(0)
			.path("fileKey")
			.asString();
		assertThat(this.http.get("/k/v1/file.json?fileKey=" + downloadKey).status()).isEqualTo(200);

		EmulatorStats stats = this.emulator.stats();
		assertThat(stats.count(1, "POST", "bulkRequest")).isEqualTo(1);
		assertThat(stats.count(1, "GET", "file")).isEqualTo(1);
		assertThat(stats.count("POST", "file")).isEqualTo(1);
		assertThat(stats.dailyCount(1, LocalDate.of(2026, 3, 1))).as("only GET record counts").isEqualTo(1);
		assertThat(EmulatorStats.countsDaily("records")).isTrue();
		assertThat(EmulatorStats.countsDaily("apps")).isFalse();
	}

	@Test
	void countingNeverRejects() {
		for (int i = 0; i < 30; i++) {
			assertThat(this.http.get("/k/v1/record.json?app=1&id=1").status()).isEqualTo(200);
		}
		assertThat(this.emulator.stats().dailyCount(1, LocalDate.of(2026, 3, 1))).isEqualTo(30);
	}

}
