package io.kintonemigrator.sandbox;

import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.KintoneEmulatorBuilder;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.seed.DataSetGenerator;
import io.kintonemigrator.emulator.seed.DataSetSpec;
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
 * Serves the kintone emulator standalone, without Spring. Prints the base URL on one
 * line, then one JSON line per app ({@code {"app":1,"name":"…","apiToken":"…"}}, plus
 * {@code "guestSpace"} for guest-space apps) on standard output, and serves until the
 * process is stopped (Ctrl-C / SIGTERM run a shutdown hook that closes the emulator). A
 * bad option or seed is one line on standard error and exit code 2.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Serves the kintone emulator on localhost so a migration can be rehearsed offline.",
				"Prints the base URL, then one JSON line per app with its API token; Ctrl-C stops it." })
public class EmulatorCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--port", defaultValue = "18080",
			description = "Port on localhost (0 = a free one). Default: ${DEFAULT-VALUE}.")
	int port;

	@Option(names = "--seed", paramLabel = "FILE",
			description = "YAML seed file (docs/emulator.md). Default: a generated source app 1 and target app 2.")
	@Nullable Path seed;

	@Option(names = "--data-dir", paramLabel = "DIR",
			description = "Where uploads are stored (kept on exit). Default: a temporary directory deleted on exit.")
	@Nullable Path dataDirectory;

	@Mixin
	EmulatorFaultOptions network = new EmulatorFaultOptions();

	@Option(names = "--concurrency-limit", defaultValue = "100",
			description = "Requests in flight before 429 GAIA_TO04. Default: ${DEFAULT-VALUE}.")
	int concurrencyLimit;

	@Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "1073741824",
			description = "Largest upload accepted. Default: ${DEFAULT-VALUE} (1 GiB).")
	long maxFileSize;

	@Option(names = "--legacy-520", description = "Answer the errors kintone used to send as 520 with 520.")
	boolean legacy520;

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = commandSpec().commandLine().getOut();
		PrintWriter err = commandSpec().commandLine().getErr();
		KintoneEmulator emulator;
		try {
			KintoneEmulatorBuilder builder = builder();
			emulator = builder.start();
		}
		catch (RuntimeException ex) {
			err.println("emulator: " + ex.getMessage());
			err.flush();
			return ExitCodes.USAGE;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				emulator.close();
			}
			finally {
				this.stopped.countDown();
			}
		}, "kintone-emulator-shutdown"));
		out.println(emulator.baseUrl());
		for (AppDefinition app : emulator.apps()) {
			out.println(appLine(app));
		}
		out.flush();
		this.stopped.await();
		return ExitCodes.COMPLETED;
	}

	/**
	 * Throws {@link IllegalArgumentException} with one line naming a bad option or seed.
	 */
	KintoneEmulatorBuilder builder() {
		KintoneEmulatorBuilder builder = KintoneEmulator.builder()
			.port(requireRange("--port", this.port, 0, 65535))
			.seed(seed())
			.faults(network.faults())
			.concurrencyLimit(requireRange("--concurrency-limit", this.concurrencyLimit, 1, 10_000))
			.legacyStatus520(this.legacy520);
		if (this.maxFileSize <= 0) {
			throw new IllegalArgumentException("--max-file-size must be a positive number of bytes");
		}
		builder.maxFileSize(this.maxFileSize);
		if (this.dataDirectory != null) {
			builder.dataDirectory(this.dataDirectory);
		}
		return builder;
	}

	private EmulatorSeed seed() {
		if (this.seed == null) {
			return DataSetGenerator
				.sourceAndTarget(DataSetSpec.builder().records(50).rows("items", 2, "item_no").seed(1).build());
		}
		return SeedFile.load(this.seed);
	}

	static String appLine(AppDefinition app) {
		ObjectNode line = Json.MAPPER.createObjectNode().put("app", app.id()).put("name", app.name());
		line.put("apiToken", app.apiTokens().keySet().stream().findFirst().orElse(null));
		if (app.guestSpaceId() != null) {
			line.put("guestSpace", app.guestSpaceId());
		}
		return Json.MAPPER.writeValueAsString(line);
	}

	private static int requireRange(String option, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
		}
		return value;
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
