package io.kintonemigrator.report;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.kintonemigrator.migration.RunProgress.Snapshot;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Shows the progress of the running {@code migrate} step at a steady interval, never per
 * item: records, files, bytes, rates, an ETA (when the source records were counted at the
 * start) and the calls in flight allowed per domain, which adapt to how busy the domain
 * is. On a terminal it redraws one progress-bar line with a carriage return; otherwise it
 * prints a line per tick. The figures are those of the last chunk commit. {@link #close}
 * stops it (and ends the bar's line). Thread-safe.
 */
public final class ProgressPrinter implements AutoCloseable {

	/**
	 * Runs a task at a fixed interval until the returned handle is closed; tests tick by
	 * hand.
	 */
	@FunctionalInterface
	public interface Ticker {

		AutoCloseable every(Duration interval, Runnable task);

		/** A daemon thread of its own. */
		static Ticker daemon() {
			return (interval, task) -> {
				CustomizableThreadFactory threads = new CustomizableThreadFactory("progress-");
				threads.setDaemon(true);
				ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
				long millis = Math.max(1, interval.toMillis());
				executor.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
				return executor::shutdownNow;
			};
		}

	}

	private static final int BAR_WIDTH = 24;

	private final Supplier<Optional<Snapshot>> progress;

	private final PrintWriter out;

	private final Clock clock;

	private final boolean bar;

	private AutoCloseable ticking = () -> {
	};

	private int lastBarLength;

	private boolean closed;

	ProgressPrinter(Supplier<Optional<Snapshot>> progress, PrintWriter out, Clock clock, boolean bar) {
		this.progress = progress;
		this.out = out;
		this.clock = clock;
		this.bar = bar;
	}

	/** Starts ticking; a zero or negative interval shows no progress. */
	ProgressPrinter start(Ticker ticker, Duration interval) {
		if (!interval.isZero() && !interval.isNegative()) {
			ticking = ticker.every(interval, this::tick);
		}
		return this;
	}

	/** Shows the current progress once (nothing before the step has started). */
	synchronized void tick() {
		Optional<Snapshot> snapshot = progress.get();
		if (closed || snapshot.isEmpty()) {
			return;
		}
		Snapshot s = snapshot.get();
		double elapsed = Math.max(0.001, Duration.between(s.startedAt(), clock.instant()).toMillis() / 1000d);
		String figures = figures(s, elapsed);
		if (bar) {
			String line = progressBar(s) + " " + figures;
			out.print("\r" + line + " ".repeat(Math.max(0, lastBarLength - line.length())));
			lastBarLength = line.length();
		}
		else {
			out.println("progress: " + figures);
		}
		out.flush();
	}

	static String figures(Snapshot s, double elapsedSeconds) {
		StringBuilder line = new StringBuilder("records ").append(s.recordsRead());
		if (s.recordsToRead() >= 0) {
			line.append(" of ").append(s.recordsToRead());
		}
		line.append(", files ").append(s.filesMoved());
		if (s.filesSkipped() > 0) {
			line.append(" (").append(s.filesSkipped()).append(" skipped)");
		}
		line.append(", ").append(Bytes.format(s.bytesMoved()));
		line.append(String.format(Locale.ROOT, ", %.1f files/s, %.2f MB/s", s.filesMoved() / elapsedSeconds,
				s.bytesMoved() / 1_000_000d / elapsedSeconds));
		line.append(", elapsed ").append(Durations.format(elapsedSeconds));
		line.append(", ETA ").append(eta(s, elapsedSeconds));
		if (!s.concurrency().isEmpty()) {
			line.append(", concurrency ").append(s.concurrency());
		}
		return line.toString();
	}

	/**
	 * From the rate of records so far; unknown before the first chunk or without a source
	 * count.
	 */
	static String eta(Snapshot s, double elapsedSeconds) {
		if (s.recordsToRead() < 0 || s.recordsRead() == 0) {
			return "unknown";
		}
		long left = Math.max(0, s.recordsToRead() - s.recordsRead());
		return Durations.format(left / (s.recordsRead() / elapsedSeconds));
	}

	private static String progressBar(Snapshot s) {
		if (s.recordsToRead() <= 0) {
			return "[" + "?".repeat(BAR_WIDTH) + "]";
		}
		double done = Math.min(1, (double) s.recordsRead() / s.recordsToRead());
		int filled = (int) Math.round(done * BAR_WIDTH);
		return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
				+ String.format(Locale.ROOT, "%3d%%", Math.round(done * 100));
	}

	@Override
	public synchronized void close() {
		closed = true;
		try {
			ticking.close();
		}
		catch (Exception ex) {
			// stopping a timer cannot fail in a way that matters
		}
		if (bar && lastBarLength > 0) {
			out.println();
			out.flush();
		}
	}

}
