package io.kintonemigrator.ledger;

/** Counts over a job's ledger. */
public record LedgerSummary(long attached, long attachedBytes, long skipped, long skippedRecords, long intents) {
}
