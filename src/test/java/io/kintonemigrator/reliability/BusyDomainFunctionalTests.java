package io.kintonemigrator.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.DomainLoadGenerator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A domain shared with a busy neighbour (issue 13, part 2): another client keeps
 * {@value #NEIGHBOUR} slow requests in flight on the same emulated domain (limit 100)
 * while {@code migrate} runs with {@code limits.concurrency: 50}. 50 + 60 does not fit in
 * 100: the job must slow down to what is left (100 minus the neighbour minus
 * {@code limits.domainHeadroom}) instead of meeting 429s, and a 429 it still meets must
 * never fail it. Every request is held 100 ms, so that 50 of ours really overlap.
 */
@Tag("reliability")
class BusyDomainFunctionalTests {

	static final int RECORDS = 200;

	static final int NEIGHBOUR = 60;

	@TempDir
	Path tmp;

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void aNeighbourHolding60SlotsSlowsTheJobDownButNeverFailsIt() throws Exception {
		ReliabilityDataSet data = new ReliabilityDataSet(RECORDS, 13);
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.dataDirectory(tmp.resolve("emulator"))
			.seed(data.seed())
			.faults(FaultSettings.builder().latency(Duration.ofMillis(100)).build())
			.requestFilter(DomainLoadGenerator.holdFilter())
			.requestLogCapacity(2_000_000)
			.start();
				DomainLoadGenerator neighbour = new DomainLoadGenerator(emulator.baseUrl(), 1,
						ReliabilityDataSet.SOURCE_TOKEN, Duration.ofSeconds(1))) {
			neighbour.hold(NEIGHBOUR);
			Path jobFile = jobFile(emulator);
			try (ChildJvm migrate = ReliabilityDataSet.migrate(tmp, jobFile)) {
				long started = System.nanoTime();

				ChildJvm.Result result = migrate.run(Duration.ofSeconds(300));

				long wallMillis = (System.nanoTime() - started) / 1_000_000;
				long ours = emulator.requestLog().stream().filter(entry -> !fromNeighbour(entry)).count();
				long ours429 = emulator.requestLog()
					.stream()
					.filter(entry -> !fromNeighbour(entry) && entry.status() == 429)
					.count();
				ReliabilityDataSet.Verification verification = data.verify(emulator, Map.of());
				System.out.println("busy domain: " + ours + " requests of ours, " + ours429
						+ " answered 429; neighbour " + neighbour.sent() + " requests, " + neighbour.refused()
						+ " answered 429; peak in flight " + emulator.stats().peakInFlight() + "; wall time "
						+ wallMillis + " ms; exit " + result.exitCode() + "; lowest concurrency "
						+ (result.exitCode() == 0 ? lowestConcurrency() : -1));

				assertThat(result.exitCode()).as(result.output()).isZero();
				assertThat(verification.problems()).isEmpty();
				assertThat(verification.duplicates()).isZero();
				assertThat(verification.attachmentsOnTargets()).isEqualTo(data.attachments());
				// at most a few: the first requests find out how busy the domain is
				assertThat(ours429).as("429 answers to the job").isLessThanOrEqualTo(ours / 100);
				// the summary says how far the job stepped back: 50 do not fit next to 60
				// and 20 free
				assertThat(result.output()).containsPattern("\\| concurrency +\\| \\d+/50 at the end, lowest \\d+ ");
				assertThat(lowestConcurrency()).isBetween(2L, 49L);
			}
		}
	}

	private long lowestConcurrency() throws IOException {
		try (Stream<Path> reports = Files.walk(tmp.resolve("reports"))) {
			Path summary = reports.filter(file -> file.getFileName().toString().equals("summary.json"))
				.findFirst()
				.orElseThrow();
			return new ObjectMapper().readTree(summary.toFile()).path("concurrency").path("lowest").asLong(-1);
		}
	}

	private static boolean fromNeighbour(RequestLogEntry entry) {
		return entry.header(DomainLoadGenerator.HOLD_HEADER) != null;
	}

	private Path jobFile(KintoneEmulator emulator) throws IOException {
		return ReliabilityDataSet.writeJobFile(tmp.resolve("busy.yml"), "busy", emulator.baseUrl().toString(),
				List.of(), "append", 50, 50);
	}

}
