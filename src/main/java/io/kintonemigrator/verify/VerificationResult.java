package io.kintonemigrator.verify;

/**
 * The totals of a verification; the differences themselves were handed out one line each
 * as they were found.
 *
 * @param recordsCompared source records with migrated attachments whose target was
 * compared
 * @param filesCompared source attachments compared with the target
 * @param bytesHashed bytes downloaded and hashed, both sides
 * @param differences lines about files that differ, are missing, extra, or could not be
 * compared
 * @param recordsNotMigrated source records with attachments the ledger does not show as
 * migrated or skipped
 */
public record VerificationResult(long recordsCompared, long filesCompared, long bytesHashed, long differences,
		long recordsNotMigrated) {

	/**
	 * True when every migrated attachment is identical on the target and nothing is left
	 * to migrate.
	 */
	public boolean identical() {
		return differences == 0 && recordsNotMigrated == 0;
	}

}
