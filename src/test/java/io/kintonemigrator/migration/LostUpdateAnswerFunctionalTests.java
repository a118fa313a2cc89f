package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.testsupport.HeldResponse;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;

import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression (found by the reliability suite's 15% faults): kintone applies a bulk
 * update, but the connection drops before its answer arrives. The resilience layer sends
 * the update again, kintone refuses it with 409 {@code GAIA_CO02} (the revision moved),
 * and the writer re-reads the records. It must recognise its own applied update there:
 * the files are attached once, and the ledger says ATTACHED, not "skipped: update
 * refused" because the upload keys were already used.
 */
class LostUpdateAnswerFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 7;

	private final AtomicInteger updates = new AtomicInteger();

	@Test
	void anUpdateWhoseAnswerWasLostIsRecognisedAfterTheConflictItsRetryMeets() throws Exception {
		Filter dropFirstUpdateAnswer = (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if (RecordUpdateRequests.isUpdate(http) && updates.incrementAndGet() == 1) {
				chain.doFilter(request, new HeldResponse((HttpServletResponse) response)); // kintone
																							// applies
																							// it
				ServletContextRequest.getServletContextRequest(request)
					.getConnectionMetaData()
					.getConnection()
					.getEndPoint()
					.close(); // ... and the answer never arrives
				return;
			}
			chain.doFilter(request, response);
		};
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.requestFilter(dropFirstUpdateAnswer)
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "lost-answer", "append", 10);

			assertThat(run(jobFile).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

			Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
			for (long i = 1; i < RECORDS; i++) {
				assertThat(documents(targets.get(i))).as("record %d", i)
					.containsAll(sourceDocuments(emulator, i))
					.hasSize(sourceDocuments(emulator, i).size() + (i % 3 == 0 ? 1 : 0));
			}
			assertThat(updates).as("the update, its retry (409), the update rebuilt from the fresh records")
				.hasValueGreaterThanOrEqualTo(2);
			assertThat(ledger.all("lost-answer")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
		}
	}

}
