package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * The progress of one step over time, for the run report's chart: one sample per chunk
 * commit, bounded to {@link #CAPACITY} samples. When full, every other sample is dropped
 * and from then on only every second commit is kept (then every fourth…), so a long run
 * keeps an even spread over its whole length in constant memory. Thread-safe.
 */
final class ProgressSeries {

	/** The most samples kept. */
	static final int CAPACITY = 512;

	private final List<RunProgress.Sample> samples = new ArrayList<>();

	private long stride = 1;

	private long offered;

	/** Adds a sample, or passes it over when the series is thinned out. */
	synchronized void offer(RunProgress.Sample sample) {
		if (offered++ % stride != 0) {
			return;
		}
		if (samples.size() == CAPACITY) {
			for (int i = samples.size() - 1; i > 0; i -= 2) {
				samples.remove(i);
			}
			stride *= 2;
		}
		samples.add(sample);
	}

	/** The samples kept, oldest first. */
	synchronized List<RunProgress.Sample> samples() {
		return List.copyOf(samples);
	}

}
