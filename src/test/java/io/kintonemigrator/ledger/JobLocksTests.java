package io.kintonemigrator.ledger;

import java.nio.file.Path;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The job lock on a real H2 file database, with hosts and pids set by the test. */
class JobLocksTests {

	private static final long DEAD_PID = Long.MAX_VALUE - 1;

	@TempDir
	Path tmp;

	private JdbcTemplate jdbc;

	@BeforeEach
	void database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + tmp.resolve("locks"));
		dataSource.setUser("sa");
		LedgerSchema.apply(dataSource);
		jdbc = new JdbcTemplate(dataSource);
	}

	@Test
	void aSecondHolderIsRefusedWithTheFirstOnesHostPidAndStart() {
		JobLocks first = new JobLocks(jdbc, Duration.ofMinutes(1), "host-a", ProcessHandle.current().pid());
		JobLocks second = new JobLocks(jdbc, Duration.ofMinutes(1), "host-b", 4242);

		try (JobLocks.Held held = first.acquire("job-1")) {
			assertThatExceptionOfType(JobLockedException.class).isThrownBy(() -> second.acquire("job-1"))
				.withMessageStartingWith("Job 'job-1' is already running: process " + ProcessHandle.current().pid()
						+ " on host host-a (running since ")
				.satisfies(ex -> assertThat(ex.holder().host()).isEqualTo("host-a"));
			try (JobLocks.Held other = second.acquire("job-2")) {
				assertThat(other.job()).as("another job is not blocked").isEqualTo("job-2");
			}
		}
		try (JobLocks.Held again = second.acquire("job-1")) {
			assertThat(second.holder("job-1")).get().extracting(JobLocks.Holder::pid).isEqualTo(4242L);
		}
		assertThat(first.holder("job-1")).as("released").isEmpty();
	}

	@Test
	void aHolderWhoseProcessIsGoneOnTheSameHostIsReplacedAtOnce() {
		new JobLocks(jdbc, Duration.ofHours(1), "host-a", DEAD_PID).acquire("job-1"); // never
																						// released:
																						// killed

		try (JobLocks.Held held = new JobLocks(jdbc, Duration.ofHours(1), "host-a", 77).acquire("job-1")) {
			assertThat(new JobLocks(jdbc, Duration.ofHours(1), "host-a", 77).holder("job-1")).get()
				.extracting(JobLocks.Holder::pid)
				.isEqualTo(77L);
		}
	}

	@Test
	void aHolderOnAnotherHostBlocksUntilItsHeartbeatIsOlderThanTheLease() {
		new JobLocks(jdbc, Duration.ofHours(1), "host-a", DEAD_PID).acquire("job-1");
		JobLocks fromB = new JobLocks(jdbc, Duration.ofHours(1), "host-b", 88);

		assertThatExceptionOfType(JobLockedException.class).as("host-a's pid cannot be checked from host-b")
			.isThrownBy(() -> fromB.acquire("job-1"));

		jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = DATEADD('HOUR', -2, CURRENT_TIMESTAMP)");
		try (JobLocks.Held held = fromB.acquire("job-1")) {
			assertThat(fromB.holder("job-1")).get().extracting(JobLocks.Holder::host).isEqualTo("host-b");
		}
	}

	@Test
	void theHeartbeatKeepsALiveHolderValid() throws Exception {
		JobLocks locks = new JobLocks(jdbc, Duration.ofMillis(300), "host-a", DEAD_PID);
		try (JobLocks.Held held = locks.acquire("job-1")) {
			long beat = locks.holder("job-1").orElseThrow().beat();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (locks.holder("job-1").orElseThrow().beat() == beat && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(locks.holder("job-1").orElseThrow().beat()).isGreaterThan(beat);
		}
	}

	@Test
	void twoProcessesWithTheSameHostNameAndPidInOtherContainersCannotBothHold() {
		// two containers named alike, both pid 1 ... or any pid the other cannot see
		JobLocks first = new JobLocks(jdbc, Duration.ofHours(1), "worker", DEAD_PID, "boot-1/pid:[4026531836]");
		JobLocks second = new JobLocks(jdbc, Duration.ofHours(1), "worker", DEAD_PID, "boot-1/pid:[4026532001]");

		try (JobLocks.Held held = first.acquire("job-1")) {
			assertThatExceptionOfType(JobLockedException.class)
				.as("a pid in another pid namespace cannot be checked from here")
				.isThrownBy(() -> second.acquire("job-1"));
			assertThatExceptionOfType(JobLockedException.class).as("nor from a host whose process space is unknown")
				.isThrownBy(() -> new JobLocks(jdbc, Duration.ofHours(1), "worker", DEAD_PID, null).acquire("job-1"));
			assertThat(first.holder("job-1")).get().extracting(JobLocks.Holder::owner).isEqualTo(held.owner());
		}
	}

	@Test
	void aStalledHolderWhoseLockWasTakenOverFailsItsFenceAndTheNewHolderPasses() {
		JobLocks stalled = new JobLocks(jdbc, Duration.ofHours(1), "host-a", 11);
		JobLocks next = new JobLocks(jdbc, Duration.ofHours(1), "host-b", 22);
		JobLocks.Held old = stalled.acquire("job-1");
		stalled.verifyHeld("job-1");

		// when host-a stalls for longer than the lease and host-b takes the job over
		jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = DATEADD('HOUR', -2, CURRENT_TIMESTAMP)");
		try (JobLocks.Held taken = next.acquire("job-1")) {

			// then host-a's next fence check fails, naming the new holder, and host-b's
			// passes
			assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> stalled.verifyHeld("job-1"))
				.withMessageContaining("lost the lock of job 'job-1'")
				.withMessageContaining("process 22 on host host-b");
			next.verifyHeld("job-1");
			old.close(); // releasing what it no longer holds deletes nothing
			assertThat(next.holder("job-1")).get().extracting(JobLocks.Holder::host).isEqualTo("host-b");
		}
	}

	@Test
	void theFenceRenewsAnExpiredLockNobodyTookSoNobodyCanTakeItAfterwards() {
		JobLocks locks = new JobLocks(jdbc, Duration.ofHours(1), "host-a", 11);
		try (JobLocks.Held held = locks.acquire("job-1")) {
			jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = DATEADD('HOUR', -2, CURRENT_TIMESTAMP)");

			locks.verifyHeld("job-1");

			assertThatExceptionOfType(JobLockedException.class)
				.isThrownBy(() -> new JobLocks(jdbc, Duration.ofHours(1), "host-b", 22).acquire("job-1"));
		}
	}

	@Test
	void aJobThisProcessNeverLockedPassesTheFence() {
		new JobLocks(jdbc, Duration.ofHours(1), "host-a", 11).verifyHeld("never-locked");
	}

}
