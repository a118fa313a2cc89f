package io.kintonemigrator.migration.budget;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.ledger.JdbcApiUsageLedger;
import io.kintonemigrator.ledger.LedgerSchema;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;
import io.kintonemigrator.testsupport.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hard guard: a request that would pass the day's budget is refused before it reaches
 * the client below.
 */
class MeteredKintoneClientTests {

	@TempDir
	Path tmp;

	private final TestClock clock = new TestClock(Instant.parse("2026-11-23T23:30:00Z")); // 08:30
																							// JST

	private final InMemoryKintoneClient app = new InMemoryKintoneClient(7);

	private JdbcApiUsageLedger usage;

	@BeforeEach
	void database() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:file:" + tmp.resolve("usage") + ";DB_CLOSE_DELAY=0", "sa", "");
		LedgerSchema.apply(dataSource);
		usage = new JdbcApiUsageLedger(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
				clock);
	}

	@Test
	void refusesTheRequestBeyondTheBudgetUntilTheDayResetsAt0900Jst() {
		KintoneConnection connection = KintoneConnection.withApiToken(URI.create("https://Example.cybozu.com"), 7, "t");
		AppRequestMeter meter = new AppRequestMeter(connection, 3, usage, clock);
		MeteredKintoneClient client = new MeteredKintoneClient(app, meter);

		for (int i = 0; i < 3; i++) {
			client.recordsAfter(0, 10, List.of(), null);
		}
		assertThatExceptionOfType(DailyRequestBudgetExceededException.class)
			.isThrownBy(() -> client.recordsAfter(0, 10, List.of(), null))
			.withMessage("the daily request budget of 3 requests for app example.cybozu.com/7 is used up; "
					+ "it resets at 2026-11-24 09:00 JST (00:00 UTC)");
		assertThat(app.pageRequests).hasSize(3);
		assertThat(meter.sent()).isEqualTo(3);
		assertThat(meter.remainingToday()).isZero();

		clock.advance(Duration.ofMinutes(30)); // 09:00 JST: a new kintone day
		client.recordsAfter(0, 10, List.of(), null);
		assertThat(app.pageRequests).hasSize(4);
		assertThat(meter.remainingToday()).isEqualTo(2);
	}

	@Test
	void fileTransfersAndBulkUpdatesAreNotCountedByKintoneSoNeitherBudgetedNorRefused() throws Exception {
		KintoneConnection connection = KintoneConnection.withApiToken(URI.create("http://localhost:8080"), 7, "t");
		AppRequestMeter meter = new AppRequestMeter(connection, 1, usage, clock);
		MeteredKintoneClient client = new MeteredKintoneClient(
				app.record(new KintoneRecord(1, 1, Map.of())).file("d1", new byte[] { 1, 2 }), meter);
		client.recordsAfter(0, 10, List.of(), null);

		// the day's budget is used up, and still
		client.download(new FileKey("d1"), tmp.resolve("d1"));
		client.upload(tmp.resolve("d1"), "d1.bin", "application/octet-stream");
		client.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(1), 1L, Map.of())));

		assertThat(meter.sent()).isEqualTo(1);
		assertThat(meter.sentUncounted()).isEqualTo(3);
		assertThat(app.downloads).hasValue(1);
		assertThat(app.uploadCount()).isEqualTo(1);
		assertThat(app.updateRequests).hasSize(1);
		assertThatExceptionOfType(DailyRequestBudgetExceededException.class).isThrownBy(() -> client.record(1));
		meter.close();
		assertThat(usage.requests("localhost:8080/7", LocalDate.of(2026, 11, 23))).isEqualTo(1);
	}

	@Test
	void withoutABudgetEveryRequestIsCountedAndNoneRefused() {
		KintoneConnection connection = KintoneConnection.withApiToken(URI.create("http://localhost:8080"), 7, "t");
		AppRequestMeter meter = new AppRequestMeter(connection, 0, usage, clock);
		MeteredKintoneClient client = new MeteredKintoneClient(app, meter);

		for (int i = 0; i < 5; i++) {
			client.countAfter(0, null);
		}

		assertThat(meter.sent()).isEqualTo(5);
		assertThat(meter.remainingToday()).isEqualTo(Long.MAX_VALUE);
		// counted a block at a time while the run goes on; what it did not send is given
		// back at the end
		LocalDate day = LocalDate.of(2026, 11, 23);
		assertThat(usage.requests("localhost:8080/7", day)).isEqualTo(AppRequestMeter.BLOCK);
		meter.close();
		assertThat(usage.requests("localhost:8080/7", day)).isEqualTo(5);
	}

	@Test
	void threadsRacingForTheLastRequestsOfABudgetSendExactlyTheBudget() throws Exception {
		KintoneConnection connection = KintoneConnection.withApiToken(URI.create("http://localhost:8080"), 7, "t");
		usage.tryReserve("localhost:8080/7", LocalDate.of(2026, 11, 23), 0, 1_000 - 120); // others'
																							// requests
		AppRequestMeter meter = new AppRequestMeter(connection, 1_000, usage, clock);
		MeteredKintoneClient client = new MeteredKintoneClient(app, meter);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		AtomicInteger refused = new AtomicInteger();
		try {
			List<Callable<Object>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				calls.add(() -> {
					try {
						return client.countAfter(0, null);
					}
					catch (DailyRequestBudgetExceededException ex) {
						return refused.incrementAndGet();
					}
				});
			}
			threads.invokeAll(calls);
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(meter.sent()).isEqualTo(120);
		assertThat(refused).hasValue(80);
		assertThat(meter.remainingToday()).isZero();
		meter.close();
		assertThat(usage.requests("localhost:8080/7", LocalDate.of(2026, 11, 23))).isEqualTo(1_000);
	}

}
