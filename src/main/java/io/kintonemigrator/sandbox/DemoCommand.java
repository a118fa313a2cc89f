package io.kintonemigrator.sandbox;

import java.util.HashMap;
import java.util.HashSet;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.launch.MigrateCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;

/**
 * The demo: starts the kintone emulator on a free localhost port with {@link DemoData}
 * ({@code config/demo/seed.yml}), runs {@code config/jobs/demo.yml} through the same code
 * path as {@code migrate} (on a throw-away H2 file), checks every attachment on the
 * target by SHA-256, prints a summary, and cleans up.
 */
public final class DemoCommand {

	private DemoCommand() {
	}

	public static int run(PrintWriter out, PrintWriter err) throws Exception {
		Path workDir = Files.createTempDirectory("kintone-attachment-migrator-demo-");
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(workDir.resolve("emulator"))
			.seed(DemoData.seed())
			.start()) {
			out.println("Demo: kintone emulator at " + emulator.baseUrl() + " with the apps of " + DemoData.SEED
					+ ": source app " + DemoData.SOURCE_APP + " (" + emulator.records(DemoData.SOURCE_APP).size()
					+ " records), target app " + DemoData.TARGET_APP + " ("
					+ emulator.records(DemoData.TARGET_APP).size() + " records).");
			out.flush();
			Path jobFile = workDir.resolve("demo.yml");
			try (InputStream demo = DemoCommand.class.getResourceAsStream("/config/jobs/demo.yml")) {
				Files.copy(demo, jobFile);
			}
			JobConfigLoader loader = JobConfigLoader
				.withVariables(Map.of("KAM_DEMO_BASE_URL", emulator.baseUrl().toString(), "KAM_DEMO_SOURCE_TOKEN",
						DemoData.SOURCE_TOKEN, "KAM_DEMO_TARGET_TOKEN", DemoData.TARGET_TOKEN));
			long started = System.nanoTime();
			int exitCode = MigrateCommand.run(loader, jobFile,
					Map.of("spring.datasource.url", "jdbc:h2:file:" + workDir.resolve("db/demo"), "kam.work-dir",
							workDir.resolve("transfer").toString()),
					out, err);
			long millis = (System.nanoTime() - started) / 1_000_000;
			if (exitCode != ExitCodes.COMPLETED) {
				return exitCode;
			}
			List<String> problems = check(emulator);
			out.println("Requests sent to the emulator: " + emulator.stats().totalRequests() + "; time: " + millis
					+ " ms.");
			if (!problems.isEmpty()) {
				problems.forEach(err::println);
				err.println("Demo: the target does not match the source.");
				return ExitCodes.FAILED;
			}
			out.println("Demo: every source attachment is on its target record exactly once, byte for byte "
					+ "(SHA-256); " + skipped(withoutTarget(emulator)) + ".");
			return ExitCodes.COMPLETED;
		}
		finally {
			out.flush();
			err.flush();
			deleteRecursively(workDir);
		}
	}

	/**
	 * Every source attachment exactly once on its target record (append: files the target
	 * had stay), table files on the row with the same {@code item_no}; one line per
	 * difference.
	 */
	public static List<String> check(KintoneEmulator emulator) {
		List<String> problems = new ArrayList<>();
		Map<String, StoredRecord> targets = targets(emulator);
		for (StoredRecord source : emulator.records(DemoData.SOURCE_APP)) {
			StoredRecord target = targets.get(Long.toString(source.id()));
			if (target == null) {
				continue;
			}
			compare("record " + source.id() + " documents", hashes(source.files("attachments")),
					hashes(target.files("documents")), problems);
			for (StoredRow row : source.rows("items")) {
				List<String> onTarget = target.rows("lines")
					.stream()
					.filter(line -> line.text("item_no").equals(row.text("item_no")))
					.flatMap(line -> hashes(line.files("drawing")).stream())
					.toList();
				compare("record " + source.id() + " row " + row.text("item_no") + " drawings",
						hashes(row.files("drawing")), onTarget, problems);
			}
		}
		return problems;
	}

	/** The source records without a target record, which the job skips. */
	static List<Long> withoutTarget(KintoneEmulator emulator) {
		Map<String, StoredRecord> targets = targets(emulator);
		return emulator.records(DemoData.SOURCE_APP)
			.stream()
			.map(StoredRecord::id)
			.filter(id -> !targets.containsKey(Long.toString(id)))
			.toList();
	}

	private static String skipped(List<Long> records) {
		String ids = String.join(", ", records.stream().map(String::valueOf).toList());
		return switch (records.size()) {
			case 0 -> "every source record has its target record";
			case 1 -> "source record " + ids + " was skipped because its target record is missing";
			default -> "source records " + ids + " were skipped because their target records are missing";
		};
	}

	private static Map<String, StoredRecord> targets(KintoneEmulator emulator) {
		Map<String, StoredRecord> targets = new HashMap<>();
		emulator.records(DemoData.TARGET_APP).forEach(record -> targets.put(record.text("legacy_id"), record));
		return targets;
	}

	/** Each source file (name and SHA-256) is on the target as often as on the source. */
	private static void compare(String what, List<String> source, List<String> target, List<String> problems) {
		for (String file : new HashSet<>(source)) {
			long expected = source.stream().filter(file::equals).count();
			long actual = target.stream().filter(file::equals).count();
			if (actual != expected) {
				problems.add(what + ": " + file + " is there " + actual + " time(s), expected " + expected);
			}
		}
	}

	private static List<String> hashes(List<StoredFile> files) {
		return files.stream().map(file -> file.name() + ":" + file.sha256()).toList();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
