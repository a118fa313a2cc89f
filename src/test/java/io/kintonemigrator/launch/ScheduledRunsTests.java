package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code --every} loop on a fake clock: ticks, one run at a time, failures, stop. */
class ScheduledRunsTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private final TestClock clock = new TestClock(Instant.parse("2026-05-01T01:03:00Z")); // 10:03
																							// in
																							// Tokyo

	private final StringWriter log = new StringWriter();

	private final List<Instant> runsStartedAt = new ArrayList<>();

	@Test
	void startsARunAtEveryTickOfTheScheduleInItsZone() throws Exception {
		ScheduledRuns loop = loop("0 */10 * * * *", stopAfter(3), () -> {
			runsStartedAt.add(clock.instant());
			return ExitCodes.COMPLETED;
		});

		int exitCode = loop.loop();

		assertThat(exitCode).isZero();
		assertThat(runsStartedAt).containsExactly(Instant.parse("2026-05-01T01:10:00Z"),
				Instant.parse("2026-05-01T01:20:00Z"), Instant.parse("2026-05-01T01:30:00Z"));
		assertThat(log.toString()).contains("Next incremental run at 2026-05-01T10:10+09:00[Asia/Tokyo].")
			.contains("Incremental run completed.")
			.endsWith("Stopped; no further runs are scheduled.\n");
	}

	@Test
	void aRunLongerThanTheIntervalSkipsTheTicksItMissedInsteadOfOverlapping() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		ScheduledRuns loop = loop("0 */10 * * * *", stopAfter(2), () -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			runsStartedAt.add(clock.instant());
			clock.advance(Duration.ofMinutes(25));
			running.decrementAndGet();
			return ExitCodes.COMPLETED;
		});

		loop.loop();

		assertThat(runsStartedAt).containsExactly(Instant.parse("2026-05-01T01:10:00Z"),
				Instant.parse("2026-05-01T01:40:00Z"));
		assertThat(mostAtOnce).hasValue(1);
	}

	@Test
	void aFailedRunIsLoggedAndTheNextTickRunsAgain() throws Exception {
		List<Object> outcomes = new ArrayList<>(List.of(ExitCodes.FAILED, new IllegalStateException("kintone is down"),
				ExitCodes.USAGE, ExitCodes.COMPLETED));
		ScheduledRuns loop = loop("0 0 * * * *", stopAfter(4), () -> {
			runsStartedAt.add(clock.instant());
			Object outcome = outcomes.remove(0);
			if (outcome instanceof RuntimeException ex) {
				throw ex;
			}
			return (Integer) outcome;
		});

		loop.loop();

		assertThat(runsStartedAt).hasSize(4);
		assertThat(log.toString()).contains("Incremental run failed (exit 1); the next tick resumes it.")
			.contains(
					"Incremental run failed: java.lang.IllegalStateException: kintone is down; the next tick resumes it.")
			.contains("Incremental run did not start (exit 2, see above); trying again at the next tick.")
			.contains("Incremental run completed.");
	}

	@Test
	void stopEndsTheWaitForTheNextTickAtOnce() throws Exception {
		CountDownLatch waiting = new CountDownLatch(1);
		ScheduledRuns.ClockWaiter real = new ScheduledRuns.ClockWaiter(Clock.systemUTC());
		ScheduledRuns.Waiter signalling = new ScheduledRuns.Waiter() {
			@Override
			public boolean waitUntil(Instant time) throws InterruptedException {
				waiting.countDown();
				return real.waitUntil(time);
			}

			@Override
			public void wake() {
				real.wake();
			}
		};
		// the first tick of this schedule is on 1 January, months away
		ScheduledRuns loop = new ScheduledRuns(CronExpression.parse("0 0 0 1 1 *"), TOKYO, Clock.systemUTC(),
				signalling, () -> {
					throw new AssertionError("no run expected");
				}, new PrintWriter(log));
		CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> {
			try {
				return loop.loop();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

		loop.stop();

		assertThat(exitCode.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(log.toString()).endsWith("Stopped; no further runs are scheduled.\n");
	}

	@Test
	void aBadScheduleIsExitCodeTwoWithOneLine() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job", "any.yml",
				"--every", "every hour");

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().lines()).singleElement()
			.asString()
			.startsWith("--every 'every hour' is not a cron expression (")
			.endsWith("use six fields, seconds first, e.g. '0 0 * * * *' for every hour");
	}

	private ScheduledRuns loop(String cron, int[] ticksLeft, ScheduledRuns.Run run) {
		ScheduledRuns[] loop = new ScheduledRuns[1];
		ScheduledRuns.Waiter waiter = new ScheduledRuns.Waiter() {
			@Override
			public boolean waitUntil(Instant time) {
				if (ticksLeft[0]-- == 0) {
					loop[0].stop();
					return false;
				}
				assertThat(time).isAfter(clock.instant());
				clock.set(time);
				return true;
			}

			@Override
			public void wake() {
			}
		};
		loop[0] = new ScheduledRuns(CronExpression.parse(cron), TOKYO, clock, waiter, run, new PrintWriter(log));
		return loop[0];
	}

	private static int[] stopAfter(int ticks) {
		return new int[] { ticks };
	}

}
