package io.kintonemigrator.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The watermark table on a real H2 file database. */
class JobWatermarksTests {

	private static final Instant T0 = Instant.parse("2026-05-01T01:00:00.123Z");

	@TempDir
	Path tmp;

	private JobWatermarks watermarks;

	@BeforeEach
	void database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + tmp.resolve("watermarks"));
		dataSource.setUser("sa");
		LedgerSchema.apply(dataSource);
		watermarks = new JobWatermarks(new JdbcTemplate(dataSource), Clock.fixed(T0, ZoneOffset.UTC),
				Duration.ofMinutes(2));
	}

	@Test
	void aRunInProgressIsRememberedUntilItCompletesAndOnlyThenMovesTheWatermark() {
		assertThat(watermarks.watermark("job", "f1")).isEmpty();
		watermarks.begin("job", "f1", new JobWatermarks.Run(null, T0));

		assertThat(watermarks.inProgress("job", "f1")).contains(new JobWatermarks.Run(null, T0));
		assertThat(watermarks.watermark("job", "f1")).as("not before it completes").isEmpty();

		watermarks.completed("job", "f1", T0);

		assertThat(watermarks.watermark("job", "f1")).contains(T0.minus(Duration.ofMinutes(2)));
		assertThat(watermarks.inProgress("job", "f1")).isEmpty();
		assertThat(watermarks.watermark("other job", "f1")).isEmpty();
	}

	@Test
	void theWatermarkNeverMovesBack() {
		watermarks.completed("job", "f1", T0.plus(Duration.ofHours(1)));
		watermarks.completed("job", "f1", T0);

		assertThat(watermarks.watermark("job", "f1"))
			.contains(T0.plus(Duration.ofHours(1)).minus(Duration.ofMinutes(2)));
	}

	@Test
	void aWatermarkAndARunInProgressWrittenUnderAnotherFingerprintDoNotHold() {
		watermarks.completed("job", "f1", T0);
		watermarks.begin("job", "f1",
				new JobWatermarks.Run(T0.minus(Duration.ofMinutes(2)), T0.plus(Duration.ofHours(1))));

		assertThat(watermarks.watermark("job", "f2")).isEmpty();
		assertThat(watermarks.inProgress("job", "f2")).isEmpty();
		assertThat(watermarks.changedSince("job", "f2")).isTrue();
		assertThat(watermarks.changedSince("job", "f1")).isFalse();

		// the job under f2 starts over: its own run, then its own watermark, which may
		// lie before f1's
		watermarks.begin("job", "f2", new JobWatermarks.Run(null, T0.minus(Duration.ofHours(5))));
		assertThat(watermarks.inProgress("job", "f2"))
			.contains(new JobWatermarks.Run(null, T0.minus(Duration.ofHours(5))));
		assertThat(watermarks.watermark("job", "f2")).isEmpty();
		watermarks.completed("job", "f2", T0.minus(Duration.ofHours(5)));
		assertThat(watermarks.watermark("job", "f2"))
			.contains(T0.minus(Duration.ofHours(5)).minus(Duration.ofMinutes(2)));
		assertThat(watermarks.watermark("job", "f1")).as("f1's watermark is gone, not restored").isEmpty();
	}

}
