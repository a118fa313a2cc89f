package io.kintonemigrator.kintone.okhttp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailyRequestCounterTests {

	private static Instant jst(String localDateTime) {
		return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
	}

	@Test
	void theKintoneDayStartsAt0900Jst() {
		assertThat(DailyRequestCounter.kintoneDay(jst("2026-03-02T08:59:59"))).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(DailyRequestCounter.kintoneDay(jst("2026-03-02T09:00:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
		assertThat(DailyRequestCounter.kintoneDay(jst("2026-03-02T23:59:59"))).isEqualTo(LocalDate.of(2026, 3, 2));
		assertThat(DailyRequestCounter.kintoneDay(jst("2026-03-03T00:30:00"))).isEqualTo(LocalDate.of(2026, 3, 2));
	}

	@Test
	void countsPerKintoneDayAndStartsAgainAt0900() {
		TestClock clock = new TestClock(jst("2026-03-02T08:58:00"));
		DailyRequestCounter counter = new DailyRequestCounter(clock);
		counter.increment();
		counter.increment();
		assertThat(counter.today()).isEqualTo(new DailyRequestCounter.DayCount(LocalDate.of(2026, 3, 1), 2));

		clock.set(jst("2026-03-02T09:00:00"));
		assertThat(counter.today()).isEqualTo(new DailyRequestCounter.DayCount(LocalDate.of(2026, 3, 2), 0));
		counter.increment();
		assertThat(counter.today()).isEqualTo(new DailyRequestCounter.DayCount(LocalDate.of(2026, 3, 2), 1));

		clock.set(jst("2026-03-03T08:59:00"));
		counter.increment();
		assertThat(counter.today()).isEqualTo(new DailyRequestCounter.DayCount(LocalDate.of(2026, 3, 2), 2));
	}

}
