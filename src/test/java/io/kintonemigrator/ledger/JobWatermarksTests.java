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
		assertThat(watermarks.watermark("job")).isEmpty();
		watermarks.begin("job", new JobWatermarks.Run(null, T0));

		assertThat(watermarks.inProgress("job")).contains(new JobWatermarks.Run(null, T0));
		assertThat(watermarks.watermark("job")).as("not before it completes").isEmpty();

		watermarks.completed("job", T0);

		assertThat(watermarks.watermark("job")).contains(T0.minus(Duration.ofMinutes(2)));
		assertThat(watermarks.inProgress("job")).isEmpty();
		assertThat(watermarks.watermark("other job")).isEmpty();
	}

	@Test
	void theWatermarkNeverMovesBack() {
		watermarks.completed("job", T0.plus(Duration.ofHours(1)));
		watermarks.completed("job", T0);

		assertThat(watermarks.watermark("job")).contains(T0.plus(Duration.ofHours(1)).minus(Duration.ofMinutes(2)));
	}

}
