package io.kintonemigrator.sandbox;

import java.util.HashMap;

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
 * The demo: starts the kintone emulator on a free localhost port with {@link DemoData},
 * runs {@code config/jobs/demo.yml} through the same code path as {@code migrate} (on a
 * throw-away H2 file), checks every attachment on the target by SHA-256, prints a
 * summary, and cleans up.
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
			out.println("Demo: kintone emulator at " + emulator.baseUrl() + " with source app " + DemoData.SOURCE_APP
					+ " (" + DemoData.RECORDS + " records) and target app " + DemoData.TARGET_APP + ".");
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
					+ "(SHA-256); rows only the target had are still there; record " + DemoData.ORPHAN
					+ " was skipped because its target is missing.");
			return ExitCodes.COMPLETED;
		}
		finally {
			out.flush();
			err.flush();
			deleteRecursively(workDir);
		}
	}

	/**
	 * Every source attachment once on the target (append: the target's own files stay),
	 * extra rows kept.
	 */
	public static List<String> check(KintoneEmulator emulator) {
		List<String> problems = new ArrayList<>();
		Map<String, StoredRecord> targets = new HashMap<>();
		emulator.records(DemoData.TARGET_APP).forEach(record -> targets.put(record.text("legacy_id"), record));
		for (StoredRecord source : emulator.records(DemoData.SOURCE_APP)) {
			StoredRecord target = targets.get(Long.toString(source.id()));
			if (target == null) {
				continue;
			}
			List<String> expected = new ArrayList<>(hashes(source.files("attachments")));
			List<String> actual = new ArrayList<>(hashes(target.files("documents")));
			actual.removeIf(entry -> entry.startsWith("既存メモ.txt"));
			if (!sorted(actual).equals(sorted(expected))) {
				problems.add("record " + source.id() + ": documents " + actual + ", expected " + expected);
			}
			for (StoredRow row : source.rows("items")) {
				List<String> drawings = hashes(row.files("drawing"));
				List<String> onTarget = target.rows("lines")
					.stream()
					.filter(line -> line.text("item_no").equals(row.text("item_no")))
					.flatMap(line -> hashes(line.files("drawing")).stream())
					.toList();
				if (!sorted(onTarget).equals(sorted(drawings))) {
					problems.add("record " + source.id() + " row " + row.text("item_no") + ": drawings " + onTarget
							+ ", expected " + drawings);
				}
			}
			if (target.rows("lines").stream().noneMatch(line -> line.text("item_no").equals("X-9"))) {
				problems.add("record " + source.id() + ": the target-only row X-9 was lost");
			}
		}
		return problems;
	}

	private static List<String> hashes(List<StoredFile> files) {
		return files.stream().map(file -> file.name() + ":" + file.sha256()).toList();
	}

	private static List<String> sorted(List<String> values) {
		return values.stream().sorted().toList();
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
