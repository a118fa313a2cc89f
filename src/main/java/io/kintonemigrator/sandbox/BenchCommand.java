package io.kintonemigrator.sandbox;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.stream.Stream;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.launch.MigrateCommand;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.seed.SeedFile;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench}: starts the emulator in this JVM with shaped latency and bandwidth, seeds
 * {@link BenchDataSet}, runs the migration through {@code migrate}'s code path (a
 * throw-away H2 file), checks every attachment by SHA-256 ({@link BenchVerification}) and
 * prints one JSON line on standard output (the last line; the job's own messages go to
 * standard error). With {@code --write-files DIR} it only writes the seed and job files,
 * so scripts can run the same data on the standalone emulator. Exit code 0 when the
 * migration completed and verified, 1 when the target does not match, else the
 * migration's exit code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Benchmarks a migration against the emulator and prints one JSON line of measurements.",
				"See docs/benchmarks.md for what each field means." })
public class BenchCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--records", defaultValue = "200", description = "Source records. Default: ${DEFAULT-VALUE}.")
	int records;

	@Option(names = "--files-per-record", defaultValue = "3",
			description = "Files per record. Default: ${DEFAULT-VALUE}.")
	int filesPerRecord;

	@Option(names = "--min-size", defaultValue = "10240", paramLabel = "BYTES",
			description = "Smallest file. Default: ${DEFAULT-VALUE}.")
	long minSize;

	@Option(names = "--max-size", defaultValue = "5242880", paramLabel = "BYTES",
			description = "Largest file (sizes uniform in between). Default: ${DEFAULT-VALUE}.")
	long maxSize;

	@Option(names = "--seed", defaultValue = "1", description = "Seed of the data set. Default: ${DEFAULT-VALUE}.")
	long seed;

	@Mixin
	EmulatorFaultOptions network = new EmulatorFaultOptions();

	@Option(names = "--concurrency", defaultValue = "16",
			description = "The job's limits.concurrency. Default: ${DEFAULT-VALUE}.")
	int concurrency;

	@Option(names = "--requests-per-second", defaultValue = "1000",
			description = "The job's limits.requestsPerSecond. Default: ${DEFAULT-VALUE}.")
	double requestsPerSecond;

	@Option(names = "--chunk-size", defaultValue = "100",
			description = "The job's limits.chunkSize. Default: ${DEFAULT-VALUE}.")
	int chunkSize;

	@Option(names = "--write-files", paramLabel = "DIR",
			description = "Only write DIR/seed.yml and DIR/job.yml (for the emulator command and migrate) and exit.")
	@Nullable Path writeFiles;

	@Option(names = "--base-url", defaultValue = "http://localhost:18080",
			description = "The emulator's URL in the job file --write-files writes. Default: ${DEFAULT-VALUE}.")
	URI baseUrl;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = commandSpec().commandLine().getOut();
		PrintWriter err = commandSpec().commandLine().getErr();
		BenchDataSet data;
		try {
			data = dataSet();
		}
		catch (IllegalArgumentException ex) {
			err.println("bench: " + ex.getMessage());
			err.flush();
			return ExitCodes.USAGE;
		}
		if (writeFiles != null) {
			out.println(BenchDataSet.write(writeFiles.resolve("seed.yml"), data.seedYaml()));
			out.println(BenchDataSet.write(writeFiles.resolve("job.yml"),
					BenchDataSet.jobYaml(baseUrl, concurrency, requestsPerSecond, chunkSize)));
			out.flush();
			return ExitCodes.COMPLETED;
		}
		Path workDir = Files.createTempDirectory("kintone-attachment-migrator-bench-");
		try {
			return run(data, workDir, out, err);
		}
		finally {
			out.flush();
			err.flush();
			deleteRecursively(workDir);
		}
	}

	private int run(BenchDataSet data, Path workDir, PrintWriter out, PrintWriter err) throws Exception {
		Path seedFile = BenchDataSet.write(workDir.resolve("seed.yml"), data.seedYaml());
		ActiveWindow window = new ActiveWindow();
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(workDir.resolve("emulator"))
			.seed(SeedFile.load(seedFile))
			.faults(network.faults())
			.requestFilter(window)
			.requestLogCapacity(1)
			.start()) {
			Path jobFile = BenchDataSet.write(workDir.resolve("job.yml"),
					BenchDataSet.jobYaml(emulator.baseUrl(), concurrency, requestsPerSecond, chunkSize));
			long bytes = emulator.records(BenchDataSet.SOURCE_APP)
				.stream()
				.flatMap(record -> record.files(BenchDataSet.FILE_FIELD).stream())
				.mapToLong(file -> file.size())
				.sum();
			window.reset();
			long cpuBefore = ProcessMemory.cpuNanos();
			long started = System.nanoTime();
			// the job's messages go to standard error: standard output is the JSON line
			int exitCode = MigrateCommand.run(new JobConfigLoader(), jobFile,
					Map.of("spring.datasource.url", "jdbc:h2:file:" + workDir.resolve("db/bench"), "kam.work-dir",
							workDir.resolve("transfer").toString()),
					err, err);
			double wallSeconds = (System.nanoTime() - started) / 1e9;
			double cpuSeconds = (ProcessMemory.cpuNanos() - cpuBefore) / 1e9;
			EmulatorStats stats = emulator.stats();
			List<String> differences = exitCode == ExitCodes.COMPLETED ? BenchVerification.differences(emulator)
					: List.of("the migration ended with exit code " + exitCode);
			differences.stream().limit(20).forEach(err::println);
			LittlesLawBound bound = new LittlesLawBound(concurrency, Duration.ofMillis(network.latencyMillis),
					network.bandwidth, requestsPerSecond, (double) bytes / data.files());
			ObjectNode result = result(data, bytes, wallSeconds, window.seconds(), stats, bound, differences.isEmpty());
			result.put("cpuSeconds", round(cpuSeconds))
				.put("cpuMsPerFile", round(cpuSeconds * 1000 / data.files()))
				.put("emulatorHandlingMs", round(window.meanHandlingMillis()))
				.put("meanInFlight", round(window.meanInFlight(Duration.ofMillis(network.latencyMillis))))
				.put("loadAverage", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
			out.println(Json.MAPPER.writeValueAsString(result));
			if (exitCode != ExitCodes.COMPLETED) {
				return exitCode;
			}
			return differences.isEmpty() ? ExitCodes.COMPLETED : ExitCodes.FAILED;
		}
	}

	private ObjectNode result(BenchDataSet data, long bytes, double wallSeconds, double activeSeconds,
			EmulatorStats stats, LittlesLawBound bound, boolean verified) {
		int files = data.files();
		double activeFilesPerSecond = activeSeconds > 0 ? files / activeSeconds : 0;
		double boundFilesPerSecond = bound.filesPerSecond();
		ObjectNode json = Json.MAPPER.createObjectNode()
			.put("records", data.records())
			.put("files", files)
			.put("bytes", bytes)
			.put("concurrency", concurrency)
			.put("latencyMs", network.latencyMillis)
			.put("bandwidthBytesPerSecond", network.bandwidth)
			.put("requestsPerSecondLimit", requestsPerSecond)
			.put("chunkSize", chunkSize)
			.put("seed", seed)
			.put("wallSeconds", round(wallSeconds))
			.put("filesPerSecond", round(files / wallSeconds))
			.put("mbPerSecond", round(bytes / 1e6 / wallSeconds))
			.put("activeSeconds", round(activeSeconds))
			.put("activeFilesPerSecond", round(activeFilesPerSecond))
			.put("activeMbPerSecond", round(activeSeconds > 0 ? bytes / 1e6 / activeSeconds : 0))
			.put("requests", stats.totalRequests())
			.put("requestsPerAttachment", round((double) stats.totalRequests() / files))
			.put("peakInFlight", stats.peakInFlight());
		ObjectNode byApi = json.putObject("requestsByApi");
		stats.countsByApi()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(entry -> byApi.put(entry.getKey(), entry.getValue()));
		json.put("peakHeapBytes", ProcessMemory.peakHeapBytes()).put("peakRssBytes", ProcessMemory.peakRssBytes());
		if (Double.isFinite(boundFilesPerSecond)) {
			json.put("boundFilesPerSecond", round(boundFilesPerSecond))
				.put("efficiency", round(activeFilesPerSecond / boundFilesPerSecond));
		}
		else {
			json.putNull("boundFilesPerSecond").putNull("efficiency");
		}
		return json.put("boundSecondsPerFile", round(bound.secondsPerFile())).put("verified", verified);
	}

	private BenchDataSet dataSet() {
		require(concurrency >= 1 && concurrency <= 50, "--concurrency must be between 1 and 50, got " + concurrency);
		require(requestsPerSecond > 0, "--requests-per-second must be positive, got " + requestsPerSecond);
		require(chunkSize >= 1 && chunkSize <= 100, "--chunk-size must be between 1 and 100, got " + chunkSize);
		require(network.latencyMillis >= 0, "--latency-ms must be 0 or more, got " + network.latencyMillis);
		require(network.bandwidth >= 0, "--bandwidth must be 0 (unlimited) or more, got " + network.bandwidth);
		return new BenchDataSet(records, filesPerRecord, minSize, maxSize, seed);
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException(problem);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private CommandSpec commandSpec() {
		if (this.spec == null) {
			throw new IllegalStateException("picocli injects the command spec");
		}
		return this.spec;
	}

	/**
	 * Built on first use, not when picocli instantiates every sub-command at start-up: a
	 * Jackson mapper costs class loading that every other command would pay for.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

}
