package io.kintonemigrator.sandbox;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.seed.SeedFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code bench} command on a tiny data set: its JSON line, the verification, and bad
 * options.
 */
class BenchCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void benchMigratesVerifiesAndPrintsOneJsonLineWithEveryMeasurement() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "bench", "--records", "6",
				"--files-per-record", "2", "--min-size", "1000", "--max-size", "20000", "--latency-ms", "0",
				"--concurrency", "4", "--seed", "3");

		assertThat(exitCode).as(err.toString()).isZero();
		List<String> lines = out.toString().lines().toList();
		JsonNode json = JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
		assertThat(json.get("verified").asBoolean()).isTrue();
		assertThat(json.get("records").asInt()).isEqualTo(6);
		assertThat(json.get("files").asInt()).isEqualTo(12);
		assertThat(json.get("bytes").asLong()).isBetween(12 * 1000L, 12 * 20_000L);
		assertThat(json.get("requestsByApi").get("GET file").asLong()).isEqualTo(12);
		assertThat(json.get("requestsByApi").get("POST file").asLong()).isEqualTo(12);
		assertThat(json.get("requestsPerAttachment").asDouble())
			.isEqualTo(Math.round(json.get("requests").asDouble() / 12 * 1000) / 1000.0);
		assertThat(json.get("peakRssBytes").asLong()).isPositive();
		assertThat(json.get("peakHeapBytes").asLong()).isPositive();
		assertThat(json.get("wallSeconds").asDouble()).isPositive();
		assertThat(json.get("activeSeconds").asDouble()).isPositive();
		// no latency and no bandwidth cap: only the rate limit (1000 requests/s, 2 per
		// file) bounds
		assertThat(json.get("boundFilesPerSecond").asDouble()).isEqualTo(500.0);
		assertThat(json.get("efficiency").asDouble())
			.isEqualTo(Math.round(json.get("activeFilesPerSecond").asDouble() / 500 * 1000) / 1000.0, within(0.002));
		assertThat(json.has("filesPerSecond")).isTrue();
		assertThat(json.has("mbPerSecond")).isTrue();
	}

	@Test
	void writtenSeedAndJobFilesDescribeTheSameDataSetTheBenchRuns() throws Exception {
		StringWriter out = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "bench",
				"--records", "4", "--files-per-record", "3", "--min-size", "5", "--max-size", "9", "--write-files",
				tmp.toString(), "--base-url", "http://localhost:18099", "--concurrency", "7");

		assertThat(exitCode).isZero();
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.seed(SeedFile.load(tmp.resolve("seed.yml")))
			.start()) {
			assertThat(emulator.records(BenchDataSet.SOURCE_APP)).hasSize(4)
				.allSatisfy(record -> assertThat(record.files(BenchDataSet.FILE_FIELD)).hasSize(3)
					.allSatisfy(file -> assertThat(file.size()).isBetween(5L, 9L)));
			assertThat(emulator.records(BenchDataSet.TARGET_APP)).extracting(r -> r.text(BenchDataSet.KEY_FIELD))
				.containsExactly("L-1", "L-2", "L-3", "L-4");
			// the target starts empty, so the check reports every source record
			assertThat(BenchVerification.differences(emulator)).hasSize(4);
		}
		assertThat(Files.readString(tmp.resolve("job.yml"))).contains("http://localhost:18099")
			.contains("concurrency: 7");
	}

	@Test
	void aBadOptionIsOneLineAndExitCodeTwo() {
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench",
				"--min-size", "10", "--max-size", "5");

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().strip())
			.isEqualTo("bench: file sizes need 0 <= --min-size <= --max-size, got 10 and 5");
	}

}
