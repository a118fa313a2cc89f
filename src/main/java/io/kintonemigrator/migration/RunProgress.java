package io.kintonemigrator.migration;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The progress of the {@code migrate} step running in this process, as of its last chunk
 * commit, for whoever shows it (the command's progress line). One step runs at a time per
 * process; a new step start replaces the previous one's progress. Thread-safe.
 */
public final class RunProgress {

	private final AtomicReference<@Nullable Snapshot> current = new AtomicReference<>();

	/** The running (or last) step's progress; empty before any step started. */
	public Optional<Snapshot> current() {
		return Optional.ofNullable(current.get());
	}

	/** Forgets the previous step's progress (a new run is starting in this process). */
	public void reset() {
		current.set(null);
	}

	void started(Instant startedAt, long recordsToRead) {
		current.set(new Snapshot(startedAt, recordsToRead, 0, 0, 0, 0, ""));
	}

	void committed(long recordsRead, RunCounters.Totals totals, String concurrency) {
		current.updateAndGet(
				previous -> previous == null ? null : new Snapshot(previous.startedAt(), previous.recordsToRead(),
						recordsRead, totals.filesMoved(), totals.bytesMoved(), totals.filesSkipped(), concurrency));
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
