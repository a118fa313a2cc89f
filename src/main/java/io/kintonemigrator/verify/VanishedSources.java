package io.kintonemigrator.verify;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.ledger.MigrationLedger;

/**
 * The source records the job migrated that the source does not return any more (deleted,
 * or outside the job's query now): one difference each, with how many of its migrated
 * attachments were not compared.
 */
final class VanishedSources {

	private final MigrationLedger ledger;

	private final String jobName;

	VanishedSources(MigrationLedger ledger, String jobName) {
		this.ledger = ledger;
		this.jobName = jobName;
	}

	/**
	 * ATTACHED ledger rows of source records the reads did not return (deleted, or no
	 * longer selected).
	 */
	void report(Set<Long> seen, Consumer<String> difference) {
		Map<Long, Long> vanished = new TreeMap<>();
		for (LedgerEntry entry : ledger.all(jobName)) {
			if (entry.status() == LedgerStatus.ATTACHED && !seen.contains(entry.ref().sourceRecord())) {
				vanished.merge(entry.ref().sourceRecord(), 1L, Long::sum);
			}
		}
		vanished.forEach((record,
				count) -> difference.accept("source record " + record
						+ ": not in the source app any more (deleted, or outside the job's query); " + count
						+ " migrated attachment(s) not compared"));
	}

}
