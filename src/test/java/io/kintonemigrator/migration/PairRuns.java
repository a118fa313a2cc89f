package io.kintonemigrator.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the tests of runs of several app pairs share: job files for {@link MigrationApps}
 * pairs, the {@code migrate} command line, an outage, and the files on both sides.
 */
final class PairRuns {

	private PairRuns() {
	}

	/**
	 * A job file for the pair of apps {@code sourceApp} → {@code sourceApp + 1} whose API
	 * tokens are {@code <tokens>-source} and {@code <tokens>-target}; {@code extra} lines
	 * are added at the end.
	 */
	static Path jobFile(Path dir, String name, KintoneEmulator emulator, long sourceApp, String tokens, String extra)
			throws IOException {
		return Files.writeString(dir.resolve(name + ".yml"), """
				name: %s
				source: { baseUrl: "%s", app: %d, apiToken: %s-source }
				target: { baseUrl: "%s", app: %d, apiToken: %s-target }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				onExisting: replace
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 5 }
				%s
				""".formatted(name, emulator.baseUrl(), sourceApp, tokens, emulator.baseUrl(), sourceApp + 1, tokens,
				extra));
	}

	/** {@code migrate --job ...} in this JVM, with retries cut short. */
	static CommandRun migrate(Path dir, Path... jobs) {
		List<String> args = new ArrayList<>(List.of("migrate"));
		for (Path job : jobs) {
			args.add("--job");
			args.add(job.toString());
		}
		args.addAll(List.of("--database", "jdbc:h2:file:" + dir.resolve("db/batch"), "--reports-dir",
				dir.resolve("reports").toString(), "--kam.work-dir=" + dir.resolve("work"),
				"--kam.resilience.max-attempts=2", "--kam.resilience.initial-backoff=1ms",
				"--kam.resilience.max-backoff=5ms"));
		return CommandRun.cli(args.toArray(String[]::new));
	}

	/**
	 * An outage: from the first file upload on (every pair's preflight is done by then),
	 * every request gets 503 until {@code down} is set false.
	 */
	static Filter outageFromFirstUpload(AtomicBoolean down) {
		AtomicBoolean armed = new AtomicBoolean(true);
		return (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if (http.getRequestURI().endsWith("/file.json") && "POST".equals(http.getMethod())
					&& armed.compareAndSet(true, false)) {
				down.set(true);
			}
			if (down.get()) {
				((HttpServletResponse) response).sendError(503, "maintenance");
				return;
			}
			chain.doFilter(request, response);
		};
	}

	/** Every source file as "record/field/name:sha256". */
	static List<String> fromSources(KintoneEmulator emulator, long sourceApp) {
		List<String> files = new ArrayList<>();
		emulator.records(sourceApp).forEach(record -> {
			String id = String.valueOf(record.id());
			MigrationApps.hashes(record.files("attachments")).forEach(file -> files.add(id + "/documents/" + file));
			for (StoredRow row : record.rows("items")) {
				MigrationApps.hashes(row.files("drawing"))
					.forEach(file -> files.add(id + "/" + row.text("item_no") + "/" + file));
			}
		});
		return files;
	}

	/**
	 * Every file on the target app ({@code sourceApp + 1}) in the cells the job manages,
	 * named as {@link #fromSources} names them.
	 */
	static List<String> onTargets(KintoneEmulator emulator, long sourceApp) {
		List<String> files = new ArrayList<>();
		for (StoredRecord target : emulator.records(sourceApp + 1)) {
			String id = target.text("legacy_id");
			MigrationApps.hashes(target.files("documents")).forEach(file -> files.add(id + "/documents/" + file));
			MigrationApps.hashes(MigrationApps.line(target, "A-1").files("drawing"))
				.forEach(file -> files.add(id + "/A-1/" + file));
		}
		return files;
	}

}
