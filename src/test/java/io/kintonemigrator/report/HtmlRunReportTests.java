package io.kintonemigrator.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.migration.RunProgress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** What {@code report.html} is made of, without a browser. */
class HtmlRunReportTests {

	@TempDir
	Path tmp;

	@Test
	void namesAndErrorsFromKintoneAreEscapedAndTheChartHasAPointPerSample() throws Exception {
		LedgerEntry skipped = LedgerEntry.skipped(
				new AttachmentRef(1, 7, "attachments", "", "<script>alert(1)</script>.pdf", 10, 0), 0, "k",
				new LedgerEntry.Target("app", null, "documents"), "no target record has code = \"<b>\"", "f");
		List<RunProgress.Sample> samples = List.of(
				new RunProgress.Sample(Duration.ofSeconds(1), 2, 4, 2_000_000, "3/4"),
				new RunProgress.Sample(Duration.ofSeconds(3), 4, 8, 6_000_000, "2/4"),
				// the step's end repeats the last commit: no point of its own
				new RunProgress.Sample(Duration.ofSeconds(4), 4, 8, 6_000_000, "2/4"));
		Path file = tmp.resolve("report.html");

		new HtmlRunReport().write(file, RunReportsTests.summary("<job>"), List.of(skipped), samples);

		String html = Files.readString(file);
		assertThat(html).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;.pdf")
			.contains("no target record has code &#x3D; &quot;&lt;b&gt;&quot;")
			.contains("Run report: &lt;job&gt;")
			// 2 MB in the first second, 4 MB in the next two: 2 MB/s both
			.containsPattern("data-series=\"mbps\" data-points=\"2\" fill=\"none\" stroke=\"#1f6feb\" "
					+ "stroke-width=\"2\" points=\"[0-9.]+,(?<y>[0-9.]+) [0-9.]+,\\k<y>\"");
	}

	@Test
	void withoutSamplesThePageSaysThereIsNothingToDraw() throws Exception {
		Path file = tmp.resolve("report.html");

		new HtmlRunReport().write(file, RunReportsTests.summary("job"), List.of(), List.of());

		assertThat(Files.readString(file)).contains("id=\"no-samples\"")
			.contains("id=\"no-skipped\"")
			.doesNotContain("<svg");
	}

	@Test
	void axisLabelsAreShortDecimals() {
		assertThat(ProgressChart.number(0.025)).isEqualTo("0.025");
		assertThat(ProgressChart.number(2.5)).isEqualTo("2.5");
		assertThat(ProgressChart.number(10)).isEqualTo("10");
		assertThat(ProgressChart.niceCeiling(0.077)).isCloseTo(0.1, offset(1e-12));
		assertThat(ProgressChart.niceCeiling(37)).isEqualTo(50);
	}

}
