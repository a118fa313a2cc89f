package io.kintonemigrator.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kintonemigrator.migration.RunProgress.Sample;

import org.jspecify.annotations.Nullable;

/**
 * Draws a run's samples over time as inline SVG: throughput (MB/s and files/s between two
 * chunk commits) and the calls in flight allowed per domain. Made of numbers and fixed
 * labels only, so it needs no escaping; needs no script, font or network to show.
 */
final class ProgressChart {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 200;

	private static final int LEFT = 56;

	private static final int RIGHT = 16;

	private static final int TOP = 28;

	private static final int BOTTOM = 34;

	private ProgressChart() {
	}

	/** Two rates at one point in time, the average since the previous sample. */
	record Point(double seconds, double megabytesPerSecond, double filesPerSecond, long concurrency) {
	}

	/**
	 * The rates between consecutive samples, from the step's start; a sample without
	 * elapsed time since the previous one is merged into the next, and one that repeats
	 * the previous one's counts (the step's end after its last commit) is left out.
	 */
	static List<Point> points(List<Sample> samples) {
		List<Point> points = new ArrayList<>();
		double seconds = 0;
		long records = 0;
		long files = 0;
		long bytes = 0;
		for (Sample sample : samples) {
			double now = sample.elapsed().toMillis() / 1000d;
			boolean moved = sample.recordsRead() != records || sample.filesMoved() != files;
			if (now <= seconds || !moved && !points.isEmpty()) {
				// no time passed, or the step's end repeating its last commit
				continue;
			}
			double span = now - seconds;
			points.add(new Point(now, (sample.bytesMoved() - bytes) / 1_000_000d / span,
					(sample.filesMoved() - files) / span, concurrency(sample.concurrency())));
			seconds = now;
			records = sample.recordsRead();
			files = sample.filesMoved();
			bytes = sample.bytesMoved();
		}
		return points;
	}

	/** {@code 37/50} -> 37; -1 when unknown. */
	static long concurrency(String described) {
		int slash = described.indexOf('/');
		try {
			return Long.parseLong(slash < 0 ? described.strip() : described.substring(0, slash).strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The throughput chart: MB/s and files/s over seconds since the start. */
	static String throughput(List<Point> points) {
		double maxSeconds = maxSeconds(points);
		double maxMegabytes = niceCeiling(points.stream().mapToDouble(Point::megabytesPerSecond).max().orElse(0));
		double maxFiles = niceCeiling(points.stream().mapToDouble(Point::filesPerSecond).max().orElse(0));
		StringBuilder svg = open("throughput-chart", "Throughput over time");
		axes(svg, maxSeconds, maxMegabytes, "MB/s");
		// MB/s last, on top where the two lines cross
		svg.append(line("fps", points, maxSeconds, maxFiles, Point::filesPerSecond, "#d97706"));
		svg.append(line("mbps", points, maxSeconds, maxMegabytes, Point::megabytesPerSecond, "#1f6feb"));
		legend(svg, "MB/s (left axis)", "#1f6feb", "files/s (0 to " + number(maxFiles) + ")", "#d97706");
		return svg.append("</svg>").toString();
	}

	/** The concurrency chart: calls in flight allowed per domain. */
	static String concurrency(List<Point> points) {
		List<Point> known = points.stream().filter(point -> point.concurrency() >= 0).toList();
		double maxSeconds = maxSeconds(points);
		double max = niceCeiling(known.stream().mapToDouble(Point::concurrency).max().orElse(0));
		StringBuilder svg = open("concurrency-chart", "Concurrency over time");
		axes(svg, maxSeconds, max, "calls");
		svg.append(line("concurrency", known, maxSeconds, max, point -> point.concurrency(), "#15803d"));
		legend(svg, "calls in flight allowed per domain", "#15803d", null, null);
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open(String id, String title) {
		return new StringBuilder().append("<svg id=\"")
			.append(id)
			.append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT)
			.append("\" width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(HEIGHT)
			.append("\" role=\"img\"><title>")
			.append(title)
			.append("</title>");
	}

	private static void axes(StringBuilder svg, double maxSeconds, double maxValue, String unit) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		for (int i = 0; i <= 4; i++) {
			double y = TOP + plotHeight - plotHeight * i / 4d;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
					LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, number(maxValue * i / 4)));
			double x = LEFT + plotWidth * i / 4d;
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%ss</text>", x,
					HEIGHT - BOTTOM + 16, number(maxSeconds * i / 4)));
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>"
						+ "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">seconds since the start</text>",
				4, TOP - 12, unit, WIDTH - RIGHT, HEIGHT - 4));
	}

	private interface Value {

		double of(Point point);

	}

	private static String line(String id, List<Point> points, double maxSeconds, double maxValue, Value value,
			String colour) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		StringBuilder coordinates = new StringBuilder();
		for (Point point : points) {
			double x = LEFT + plotWidth * point.seconds() / maxSeconds;
			double y = TOP + plotHeight - (maxValue == 0 ? 0 : plotHeight * value.of(point) / maxValue);
			coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		return "<polyline class=\"series\" data-series=\"" + id + "\" data-points=\"" + points.size()
				+ "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\""
				+ coordinates.toString().strip() + "\"/>";
	}

	private static void legend(StringBuilder svg, String first, String firstColour, @Nullable String second,
			@Nullable String secondColour) {
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"6\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"12\" font-size=\"11\">%s</text>",
				LEFT + 80, firstColour, LEFT + 96, first));
		if (second != null) {
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"6\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"12\" font-size=\"11\">%s</text>",
					LEFT + 300, secondColour, LEFT + 316, second));
		}
	}

	private static double maxSeconds(List<Point> points) {
		return points.isEmpty() ? 1 : niceCeiling(points.get(points.size() - 1).seconds());
	}

	/** 1, 2 or 5 times a power of ten, at least {@code value} (1 for nothing). */
	static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 5, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

	/** At most three decimals, no trailing zeros: 0.025, 2.5, 10. */
	static String number(double value) {
		return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

}
