package io.kintonemigrator.report;

/**
 * Short human durations: {@code 850 ms}, {@code 42 s}, {@code 3m 05s}, {@code 2h 07m}.
 */
public final class Durations {

	private Durations() {
	}

	public static String format(double seconds) {
		if (seconds < 1) {
			return Math.round(seconds * 1000) + " ms";
		}
		long s = Math.round(seconds);
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return String.format("%dm %02ds", s / 60, s % 60);
		}
		return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
	}

}
