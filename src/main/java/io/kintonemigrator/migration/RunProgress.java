package io.kintonemigrator.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The progress of the {@code migrate} step running in this process, as of its last chunk
 * commit, for whoever shows it (the command's progress line), and a bounded series of
 * samples over time, one per chunk commit (the run report's chart). One step runs at a
 * time per process; a new step start replaces the previous one's progress and series.
 * Thread-safe.
 */
public final class RunProgress {

	private final AtomicReference<@Nullable Snapshot> current = new AtomicReference<>();

	private final AtomicReference<ProgressSeries> series = new AtomicReference<>(new ProgressSeries());

	/** The running (or last) step's progress; empty before any step started. */
	public Optional<Snapshot> current() {
		return Optional.ofNullable(current.get());
	}

	/** Forgets the previous step's progress (a new run is starting in this process). */
	public void reset() {
		current.set(null);
		series.set(new ProgressSeries());
	}

	/**
	 * The running (or last) step's samples over time, oldest first, at most
	 * {@link ProgressSeries#CAPACITY}; empty before any chunk was committed.
	 */
	public List<Sample> samples() {
		return series.get().samples();
	}

	void started(Instant startedAt, long recordsToRead) {
		current.set(new Snapshot(startedAt, recordsToRead, 0, 0, 0, 0, ""));
		series.set(new ProgressSeries());
	}

	void committed(long recordsRead, RunCounters.Totals totals, String concurrency, Instant now) {
		Snapshot snapshot = current.updateAndGet(
				previous -> previous == null ? null : new Snapshot(previous.startedAt(), previous.recordsToRead(),
						recordsRead, totals.filesMoved(), totals.bytesMoved(), totals.filesSkipped(), concurrency));
		if (snapshot != null) {
			series.get()
				.offer(new Sample(Duration.between(snapshot.startedAt(), now), recordsRead, totals.filesMoved(),
						totals.bytesMoved(), concurrency));
		}
	}

	/**
	 * The step's progress at one chunk commit.
	 *
	 * @param elapsed since the step started
	 * @param concurrency calls in flight allowed per domain, as in {@link Snapshot}
	 */
	public record Sample(Duration elapsed, long recordsRead, long filesMoved, long bytesMoved, String concurrency) {
	}

	/**
	 * @param recordsToRead source records this step had left to read when it started
	 * ({@code -1} unknown)
	 * @param recordsRead records read and committed by this step so far
	 * @param concurrency calls in flight allowed per domain, e.g. {@code 37/50} (see
	 * {@link io.kintonemigrator.resilience.ConcurrencyLevel#describe}); empty when
	 * unknown
	 */
	public record Snapshot(Instant startedAt, long recordsToRead, long recordsRead, long filesMoved, long bytesMoved,
			long filesSkipped, String concurrency) {

		/** A snapshot without the concurrency. */
		public Snapshot(Instant startedAt, long recordsToRead, long recordsRead, long filesMoved, long bytesMoved,
				long filesSkipped) {
			this(startedAt, recordsToRead, recordsRead, filesMoved, bytesMoved, filesSkipped, "");
		}

	}

}
