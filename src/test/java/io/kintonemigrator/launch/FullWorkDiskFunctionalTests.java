package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full temp disk, for real: the work directory ({@code kam.work-dir}) is a 64 KiB tmpfs
 * and the attachment is 5 MB (over the 4 MiB a transfer keeps in memory, so it goes
 * through the temp file), so writing the download fails with ENOSPC ("No space left on
 * device"). The run must fail cleanly (exit 1, one line saying where and what to do),
 * upload nothing, leave no temp file behind, and the same command must complete once the
 * work directory has room.
 *
 * <p>
 * Mounting needs root (the CI container runs tests as root); elsewhere the test is
 * skipped.
 */
class FullWorkDiskFunctionalTests {

	private static final long SIZE = 5_000_000;

	@TempDir
	Path tmp;

	private Path tiny;

	private boolean mounted;

	@BeforeEach
	void mountTinyWorkDisk() throws Exception {
		tiny = Files.createDirectory(tmp.resolve("tiny"));
		mounted = run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", tiny.toString());
		assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
		System.setProperty("kam.resilience.initial-backoff", "1ms");
		System.setProperty("kam.resilience.max-backoff", "5ms");
		System.setProperty("kam.resilience.max-attempts", "2");
	}

	@AfterEach
	void unmount() throws Exception {
		System.clearProperty("kam.work-dir");
		System.clearProperty("kam.resilience.initial-backoff");
		System.clearProperty("kam.resilience.max-backoff");
		System.clearProperty("kam.resilience.max-attempts");
		if (mounted) {
			run("umount", tiny.toString());
		}
	}

	@Test
	void aFullWorkDiskFailsTheRunCleanlyAndTheSameCommandCompletesOnceThereIsRoom() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(seed())
			.start()) {
			Path job = Files.writeString(tmp.resolve("full-disk.yml"), """
					name: full-disk
					source: { baseUrl: "%s", app: 1, apiToken: disk-source }
					target: { baseUrl: "%s", app: 2, apiToken: disk-target }
					match: { source: $id, target: legacy_id }
					files: [ { from: attachments, to: documents } ]
					""".formatted(emulator.baseUrl(), emulator.baseUrl()));
			String database = "jdbc:h2:file:" + tmp.resolve("db/batch");

			// when: the work directory is full
			System.setProperty("kam.work-dir", tiny.resolve("work").toString());
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			int first = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
					job.toString(), "--database", database);

			// then
			assertThat(first).as(out + "\n" + err).isEqualTo(ExitCodes.FAILED);
			assertThat(err.toString()).contains("cannot write temp files in " + tiny.resolve("work"))
				.contains("No space left on device")
				.contains("set kam.work-dir to a directory with room, then run the same command again");
			assertThat(emulator.stats().count("POST", "file")).isZero();
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API)).isZero();
			assertThat(emulator.record(2, 1).orElseThrow().files("documents")).isEmpty();
			try (Stream<Path> left = Files.walk(tiny)) {
				assertThat(left.filter(Files::isRegularFile)).as("no partial download left").isEmpty();
			}

			// when: the same command with room
			System.setProperty("kam.work-dir", tmp.resolve("roomy").toString());
			int second = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
					job.toString(), "--database", database);

			// then
			assertThat(second).as(out + "\n" + err).isEqualTo(ExitCodes.COMPLETED);
			StoredFile source = emulator.record(1, 1).orElseThrow().files("attachments").get(0);
			assertThat(emulator.record(2, 1).orElseThrow().files("documents")).singleElement().satisfies(file -> {
				assertThat(file.name()).isEqualTo(source.name());
				assertThat(file.size()).isEqualTo(SIZE);
				assertThat(file.sha256()).isEqualTo(source.sha256());
			});
		}
	}

	private static EmulatorSeed seed() {
		return EmulatorSeed.builder()
			.app(AppSeed.builder(1, "source")
				.field(FieldSpec.file("attachments"))
				.apiToken("disk-source", TokenPermission.VIEW)
				.record(r -> r.file("attachments", "大きな図面.pdf", "application/pdf", FileContent.generated(SIZE, 7)))
				.build())
			.app(AppSeed.builder(2, "target")
				.field(FieldSpec.number("legacy_id").unique())
				.field(FieldSpec.file("documents"))
				.apiToken("disk-target", TokenPermission.VIEW, TokenPermission.EDIT)
				.record(r -> r.number("legacy_id", 1))
				.build())
			.build();
	}

	private static boolean run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
