package io.kintonemigrator.report;

import io.kintonemigrator.launch.RunControlOptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.kintonemigrator.testsupport.TestClock;
import io.kintonemigrator.migration.RunProgress.Snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Progress at the ticks of a hand-driven ticker and a fake clock: no sleeping, no timing.
 */
class ProgressPrinterTests {

	private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

	private final TestClock clock = new TestClock(START);

	private final AtomicReference<Optional<Snapshot>> progress = new AtomicReference<>(Optional.empty());

	private final HandTicker ticker = new HandTicker();

	private final StringWriter output = new StringWriter();

	@Test
	void printsOneLineAtEachTickNotPerItemWithRatesAndEta() {
		ProgressPrinter printer = new ProgressPrinter(progress::get, new PrintWriter(output), clock, false)
			.start(ticker, Duration.ofSeconds(10));
		assertThat(ticker.interval).isEqualTo(Duration.ofSeconds(10));

		ticker.tick(); // the step has not started: nothing to show
		progress.set(Optional.of(new Snapshot(START, 400, 0, 0, 0, 0)));
		clock.advance(Duration.ofSeconds(10));
		ticker.tick();
		progress.set(Optional.of(new Snapshot(START, 400, 100, 250, 50_000_000, 2)));
		clock.advance(Duration.ofSeconds(40));
		ticker.tick();
		printer.close();
		ticker.tick(); // a late tick after close prints nothing

		assertThat(output.toString().lines()).containsExactly(
				"progress: records 0 of 400, files 0, 0 B, 0.0 files/s, 0.00 MB/s, elapsed 10 s, ETA unknown",
				"progress: records 100 of 400, files 250 (2 skipped), 50.00 MB, 5.0 files/s, 1.00 MB/s, elapsed 50 s, "
						+ "ETA 2m 30s");
		assertThat(ticker.cancelled).isTrue();
	}

	@Test
	void theLineEndsWithTheConcurrencyOfTheDomainWhenItIsKnown() {
		Snapshot busy = new Snapshot(START, 400, 100, 250, 50_000_000, 0, "37/50");

		assertThat(ProgressPrinter.figures(busy, 50)).endsWith(", ETA 2m 30s, concurrency 37/50");
		assertThat(ProgressPrinter.figures(new Snapshot(START, 400, 100, 250, 50_000_000, 0), 50))
			.endsWith(", ETA 2m 30s");
	}

	@Test
	void withoutASourceCountThereIsNoEta() {
		assertThat(ProgressPrinter.eta(new Snapshot(START, -1, 10, 1, 1, 0), 5)).isEqualTo("unknown");
	}

	@Test
	void onATerminalItRedrawsOneBarLineAndEndsItWhenClosed() {
		ProgressPrinter printer = new ProgressPrinter(progress::get, new PrintWriter(output), clock, true).start(ticker,
				Duration.ofSeconds(1));
		progress.set(Optional.of(new Snapshot(START, 200, 50, 60, 1_000, 0)));
		clock.advance(Duration.ofSeconds(5));
		ticker.tick();
		progress.set(Optional.of(new Snapshot(START, 200, 200, 240, 4_000, 0)));
		ticker.tick();
		printer.close();

		String text = output.toString();
		assertThat(text).startsWith("\r[######..................]  25% records 50 of 200")
			.contains("\r[########################] 100% records 200 of 200")
			.endsWith(System.lineSeparator());
		assertThat(text.chars().filter(c -> c == '\n').count()).as("one line, ended once").isOne();
	}

	@Test
	void aZeroIntervalShowsNothing() {
		new ProgressPrinter(progress::get, new PrintWriter(output), clock, false).start(ticker, Duration.ZERO).close();

		assertThat(ticker.task).isNull();
	}

	@Test
	void theIntervalOptionTakesHumanDurationsAndRejectsOthersInOneLine() {
		assertThat(RunControlOptions.parseInterval("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(RunControlOptions.parseInterval("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(RunControlOptions.parseInterval("0")).isEqualTo(Duration.ZERO);
		assertThatIllegalArgumentException().isThrownBy(() -> RunControlOptions.parseInterval("soon"))
			.withMessage("--progress-interval: 'soon' is not a duration; use e.g. 10s, 500ms or 1m (0 = no progress)");
	}

	/** Runs the scheduled task when the test says so. */
	static final class HandTicker implements ProgressPrinter.Ticker {

		Runnable task;

		Duration interval;

		boolean cancelled;

		@Override
		public AutoCloseable every(Duration interval, Runnable task) {
			this.interval = interval;
			this.task = task;
			return () -> cancelled = true;
		}

		void tick() {
			task.run();
		}

	}

}
