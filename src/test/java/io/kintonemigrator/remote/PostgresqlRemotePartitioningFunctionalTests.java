package io.kintonemigrator.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning across processes (issue 17): a manager JVM with the broker embedded
 * and two worker JVMs, the job repository and ledger in PostgreSQL, one app pair split in
 * {@value #PARTITIONS} {@code $id} ranges on one emulated domain that allows
 * {@value #DOMAIN_LIMIT} requests in flight.
 * <p>
 * The first worker runs alone until kintone has applied its first bulk update, and is
 * then killed (SIGKILL) in the middle of its partitions; the second worker runs the rest.
 * The manager fails the partitions of the dead worker and exits 1; run again, it re-runs
 * just those, on the live worker. Every file arrives exactly once (names and SHA-256
 * against the source), and the domain never sees more than its limit in flight: each
 * worker runs two partitions at once under one guard per domain
 * ({@code limits.concurrency: 3}, so two workers fit the limit of 6 exactly; two guards
 * per worker would not). The surviving worker then stops on SIGTERM, exit 0.
 */
@PostgresqlTest
class PostgresqlRemotePartitioningFunctionalTests {

	static final int RECORDS = 48;

	static final int PARTITIONS = 6;

	static final int DOMAIN_LIMIT = 6;

	@TempDir
	Path tmp;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void aWorkerKilledMidPartitionLeavesItToTheManagersRerunAndEveryFileArrivesOnce() throws Exception {
		TestDatabase database = TestDatabase.postgresqlSchema();
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.concurrencyLimit(DOMAIN_LIMIT)
			.faults(FaultSettings.builder().latency(Duration.ofMillis(40)).build())
			.requestLogCapacity(200_000)
			.start(); ChildJvm jvms = ChildJvm.migrator().logDirectory(Files.createDirectories(tmp.resolve("logs")))) {
			Path jobFile = jobFile(emulator);
			String broker = "tcp://127.0.0.1:" + freePort();
			List<String> common = new ArrayList<>(ChildJvm.migratorOptions(database, tmp.resolve("work")));
			common.addAll(List.of("-Dkam.lock.lease=3s", "-Dkam.remote.poll-interval=300ms", "-Dkam.chunk-size=2",
					"-Dkam.remote.worker-partitions=2", "-Dspring.artemis.broker-url=" + broker));
			ChildJvm launcher = jvms.with(common.toArray(String[]::new));
			String[] manager = { "migrate", "--job", jobFile.toString(), "--role", "manager", "--embedded-broker",
					"--reports-dir", tmp.resolve("reports").toString() };
			String[] worker = { "migrate", "--role", "worker" };
			ChildJvm managers = launcher.with("-Dkam.remote.embedded-broker-url=" + broker);

			ChildJvm.Child firstManager = managers.start(tmp.resolve("logs/manager-1.log"), manager);
			await("the manager's broker", firstManager, () -> firstManager.output().contains("Embedded broker"));
			ChildJvm.Child doomed = launcher.start(tmp.resolve("logs/worker-a.log"), worker);
			ChildJvm.Child survivor = launcher.start(tmp.resolve("logs/worker-b.log"), worker);
			await("a partition on worker A while kintone applies bulk updates", doomed,
					() -> doomed.output().contains("Running partition") && bulkUpdates(emulator) > 0);
			doomed.kill();

			assertThat(firstManager.awaitExit(Duration.ofMinutes(3))).as(firstManager.output()).isTrue();
			assertThat(firstManager.exitValue()).as(firstManager.output()).isEqualTo(1);
			assertThat(firstManager.output()).contains("its worker stopped without ending it");

			ChildJvm.Result rerun = managers.run(tmp.resolve("logs/manager-2.log"), Duration.ofMinutes(3), manager);

			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			assertThat(survivor.output()).contains("Running partition");
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
			assertThat(emulator.stats().peakInFlight()).as("requests in flight on the domain at the peak")
				.isLessThanOrEqualTo(DOMAIN_LIMIT);
			assertThat(emulator.requestLog().stream().filter(entry -> entry.status() == 429))
				.as("requests refused above the domain's limit")
				.isEmpty();

			System.out.println("remote partitioning: peak in flight " + emulator.stats().peakInFlight() + " of "
					+ DOMAIN_LIMIT + "; " + emulator.stats().totalRequests() + " requests; " + bulkUpdates(emulator)
					+ " bulk updates");
			survivor.terminate();

			assertThat(survivor.awaitExit(Duration.ofSeconds(30))).as(survivor.output()).isTrue();
			assertThat(survivor.exitValue()).as(survivor.output()).isZero();
			assertThat(survivor.output()).contains("Worker stopped");
		}
	}

	private Path jobFile(KintoneEmulator emulator) throws IOException {
		return Files.writeString(tmp.resolve("remote.yml"), """
				name: remote
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: 2, apiToken: %s }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
				onExisting: replace
				partitions: %d
				limits: { concurrency: 3, requestsPerSecond: 1000, chunkSize: 2, domainHeadroom: 0 }
				""".formatted(emulator.baseUrl(), MigrationApps.SOURCE_TOKEN, emulator.baseUrl(),
				MigrationApps.TARGET_TOKEN, PARTITIONS));
	}

	private static long bulkUpdates(KintoneEmulator emulator) {
		return emulator.requestLog().stream().filter(PostgresqlRemotePartitioningFunctionalTests::isBulkUpdate).count();
	}

	private static boolean isBulkUpdate(RequestLogEntry entry) {
		boolean update = ("PUT".equals(entry.effectiveMethod()) && "records".equals(entry.api()))
				|| "bulkRequest".equals(entry.api());
		return update && entry.status() == 200;
	}

	private static void await(String what, ChildJvm.Child child, BooleanSupplier condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (!condition.getAsBoolean()) {
			if (!child.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError("no " + what + ":\n" + child.output());
			}
			Thread.sleep(50);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
