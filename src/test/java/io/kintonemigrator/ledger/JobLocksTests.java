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
		new JobLocks(jdbc, Duration.ofHours(1), "host-a", DEAD_PID).acquire("job-1"); // never released: killed

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

}
