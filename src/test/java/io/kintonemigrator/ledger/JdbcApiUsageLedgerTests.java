package io.kintonemigrator.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KAM_API_USAGE on a real H2 file: per app and day, atomic, never past the budget,
 * committed at once.
 */
class JdbcApiUsageLedgerTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

	@TempDir
	Path dir;

	private JdbcApiUsageLedger usage;

	private DataSourceTransactionManager transactionManager;

	@BeforeEach
	void database() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:file:" + dir.resolve("usage") + ";DB_CLOSE_DELAY=0", "sa", "");
		LedgerSchema.apply(dataSource);
		transactionManager = new DataSourceTransactionManager(dataSource);
		usage = new JdbcApiUsageLedger(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
	}

	@Test
	void countsPerAppAndDayUpToTheBudget() {
		for (int i = 0; i < 3; i++) {
			assertThat(countOne("a.example.com/1", DAY, 3)).isTrue();
		}
		assertThat(countOne("a.example.com/1", DAY, 3)).isFalse();
		assertThat(countOne("a.example.com/1", DAY.plusDays(1), 3)).isTrue();
		assertThat(countOne("a.example.com/2", DAY, 3)).isTrue();

		assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(3);
		assertThat(usage.requests("a.example.com/1", DAY.plusDays(1))).isEqualTo(1);
		assertThat(usage.requests("a.example.com/3", DAY)).isZero();
	}

	@Test
	void withoutABudgetEveryRequestCounts() {
		for (int i = 0; i < 5; i++) {
			assertThat(countOne("a.example.com/1", DAY, 0)).isTrue();
		}
		assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(5);
	}

	@Test
	void threadsRacingForTheLastRequestsNeverPassTheBudget() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 160; i++) {
				attempts.add(() -> countOne("a.example.com/1", DAY, 100));
			}
			long counted = 0;
			for (Future<Boolean> result : threads.invokeAll(attempts)) {
				counted += result.get() ? 1 : 0;
			}
			assertThat(counted).isEqualTo(100);
			assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(100);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void blocksRacingForABudgetGetExactlyWhatIsLeft() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Long>> reservations = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				reservations.add(() -> usage.tryReserve("a.example.com/1", DAY, 100, 7));
			}
			long granted = 0;
			for (Future<Long> result : threads.invokeAll(reservations)) {
				assertThat(result.get()).isBetween(0L, 7L);
				granted += result.get();
			}
			assertThat(granted).isEqualTo(100);
			assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(100);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void releasedRequestsAreFreeAgainButTheCountNeverGoesBelowZero() {
		assertThat(usage.tryReserve("a.example.com/1", DAY, 10, 8)).isEqualTo(8);
		assertThat(usage.tryReserve("a.example.com/1", DAY, 10, 8)).isEqualTo(2);
		usage.release("a.example.com/1", DAY, 5);
		assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(5);
		assertThat(usage.tryReserve("a.example.com/1", DAY, 10, 8)).isEqualTo(5);

		usage.release("a.example.com/1", DAY, 50);
		usage.release("a.example.com/2", DAY, 3); // no row: nothing to take back
		assertThat(usage.requests("a.example.com/1", DAY)).isZero();
		assertThat(usage.requests("a.example.com/2", DAY)).isZero();
	}

	@Test
	void aCountSurvivesTheRollbackOfTheTransactionItWasTakenIn() {
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			usage.tryReserve("a.example.com/1", DAY, 0, 1);
			status.setRollbackOnly();
		});

		assertThat(usage.requests("a.example.com/1", DAY)).isEqualTo(1);
	}

	/** One request, as the meter asks when it has none left: whether it was counted. */
	private boolean countOne(String appKey, LocalDate day, long budget) {
		return usage.tryReserve(appKey, day, budget, 1) == 1;
	}

}
