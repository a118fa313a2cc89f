package io.kintonemigrator.report;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.HeadlessChromium;
import io.kintonemigrator.testsupport.MigrationApps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} against the emulator over HTTP writes {@code report.html}, which a real
 * headless Chromium renders offline: the DOM has the summary, both charts with a point
 * per committed chunk, the skipped files with their reasons and a row per record; the
 * screenshot shows the throughput line in its colour.
 */
class HtmlReportBrowserFunctionalTests {

	private static final int RECORDS = 12;

	@TempDir
	Path tmp;

	@Test
	void theRunReportRendersInHeadlessChromiumWithChartsSkipsAndRecords() throws Exception {
		HeadlessChromium chromium = HeadlessChromium.require(tmp.resolve("chromium"));
		Path report;
		long recordsWithFiles;
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(RECORDS, Set.of(3)))
			.start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "html-report", "replace", 2);

			CommandRun run = CommandRun.cli("migrate", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/batch"), "--reports-dir", tmp.resolve("out").toString(),
					"--progress-interval", "0");

			assertThat(run.exitCode()).as(run.all()).isZero();
			report = tmp.resolve("out/html-report/1/report.html");
			recordsWithFiles = LongStream.rangeClosed(1, RECORDS)
				.filter(id -> !emulator.record(1, id).orElseThrow().allFiles().isEmpty())
				.count();
			assertThat(run.out()).contains(report.toString());
		}
		String url = report.toUri().toString();

		String dom = chromium.dumpDom(url);

		assertThat(dom).contains("<span id=\"status\" class=\"status status-COMPLETED\">COMPLETED</span>");
		assertThat(section(dom, "<table id=\"summary\">", "</table>")).contains("records read")
			.contains(RECORDS + " of " + RECORDS + " left at the start");
		// one sample per chunk of 2 records, and one at the end of the step
		assertThat(seriesPoints(dom, "mbps")).isGreaterThanOrEqualTo(RECORDS / 2);
		assertThat(seriesPoints(dom, "fps")).isEqualTo(seriesPoints(dom, "mbps"));
		assertThat(seriesPoints(dom, "concurrency")).isEqualTo(seriesPoints(dom, "mbps"));
		String skipped = section(dom, "<table id=\"skipped\">", "</table>");
		assertThat(rows(skipped)).isPositive().isEqualTo(occurrences(skipped, "no target record has legacy_id = 3"));
		String records = section(dom, "<table id=\"records\">", "</table>");
		assertThat(rows(records)).isEqualTo(recordsWithFiles);
		assertThat(records).contains("<td>SKIPPED</td>").contains("<td>ATTACHED</td>");

		Path png = tmp.resolve("report.png");
		chromium.screenshot(url, png, 1200, 1400);
		Files.copy(png, Path.of("target/html-report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
		BufferedImage image = ImageIO.read(png.toFile());
		assertThat(image.getWidth()).isEqualTo(1200);
		assertThat(pixelsNear(image, 0x1f6feb)).as("pixels of the MB/s line").isGreaterThan(100);
		assertThat(pixelsNear(image, 0x15803d)).as("pixels of the concurrency line").isGreaterThan(100);
	}

	private static String section(String dom, String start, String end) {
		int from = dom.indexOf(start);
		assertThat(from).as("%s in the DOM", start).isNotNegative();
		return dom.substring(from, dom.indexOf(end, from));
	}

	private static int seriesPoints(String dom, String series) {
		Matcher matcher = Pattern.compile("data-series=\"" + series + "\" data-points=\"(\\d+)\"").matcher(dom);
		assertThat(matcher.find()).as("series %s in the DOM", series).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static long rows(String table) {
		return occurrences(table.substring(table.indexOf("<tbody>")), "<tr>");
	}

	private static long occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private static long pixelsNear(BufferedImage image, int rgb) {
		long count = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int pixel = image.getRGB(x, y);
				if (Math.abs(((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 24
						&& Math.abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 24
						&& Math.abs((pixel & 0xff) - (rgb & 0xff)) < 24) {
					count++;
				}
			}
		}
		return count;
	}

}
