package io.kintonemigrator.launch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watermark a full run leaves must not depend on the time zones of the JVMs that ran
 * it. Spring Batch keeps an execution's create time as a zone-less local time: a full run
 * that starts on a JST machine, crashes, and completes in a UTC pod has a first execution
 * whose create time, read in UTC, lies nine hours after the fact, so the watermark came
 * from the second execution and the edits made between the two starts were never read
 * again. Child JVMs with {@code -Duser.timezone}; the watermark must be the first
 * execution's start minus the safety margin.
 */
class TimeZoneWatermarkFunctionalTests {

	private static final Duration MARGIN = Duration.ofMinutes(2);

	@TempDir
	Path tmp;

	TestDatabase database() {
		return TestDatabase.h2(tmp.resolve("db/batch"));
	}

	@Test
	void aFullRunStartedInTokyoAndCompletedInUtcSetsTheWatermarkFromItsFirstStart() throws Exception {
		assertWatermarkFromFirstStart("Asia/Tokyo", "UTC");
	}

	@Test
	void aFullRunStartedInUtcAndCompletedInTokyoSetsTheWatermarkFromItsFirstStart() throws Exception {
		assertWatermarkFromFirstStart("UTC", "Asia/Tokyo");
	}

	private void assertWatermarkFromFirstStart(String firstZone, String secondZone) throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "zones", "append", 2);
			TestDatabase database = database();
			ChildJvm children = ChildJvm.migrator().jvmOptions(ChildJvm.migratorOptions(database, tmp.resolve("work")));

			// given a full run started in one zone that dies after its first update
			Instant beforeFirst = Instant.now();
			ChildJvm.Result first = children.with("-Duser.timezone=" + firstZone, "-Dkam.test.killAfterUpdate=1")
				.run(tmp.resolve("first.log"), "migrate", "--job", job.toString());
			Instant afterFirst = Instant.now();
			assertThat(first.exitCode()).as(first.output()).isEqualTo(137);

			// when it is completed in another zone
			Thread.sleep(1_000);
			ChildJvm.Result second = children.with("-Duser.timezone=" + secondZone)
				.run(tmp.resolve("second.log"), "migrate", "--job", job.toString());
			assertThat(second.exitCode()).as(second.output()).isZero();

			// then the watermark is the first execution's start minus the margin
			Instant watermark = watermark(database, "zones");
			assertThat(watermark).isBetween(beforeFirst.minus(MARGIN), afterFirst.minus(MARGIN));
		}
	}

	private static Instant watermark(TestDatabase database, String job) throws Exception {
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT WATERMARK FROM KAM_JOB_WATERMARK WHERE JOB_NAME = '" + job + "'")) {
			assertThat(rows.next()).as("a watermark for job %s", job).isTrue();
			return rows.getObject(1, OffsetDateTime.class).toInstant();
		}
	}

}
