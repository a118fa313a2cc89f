package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.transfer.TransferredFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Starts the next chunk's transfers while the current chunk finishes (the tail of its
 * transfers, its ledger writes, its bulk update, the next page read), so the transfer
 * threads do not sit idle at every chunk boundary.
 *
 * <p>
 * <b>Safe to lose at any moment.</b> A prefetched file is only downloaded and uploaded:
 * nothing is written to the ledger and nothing is attached before its own chunk runs and
 * records its intent. After a crash, a stop or a failed chunk, its upload key is simply
 * never used (kintone discards unused keys after 3 days) and the next run moves the file
 * again; no file is attached twice.
 *
 * <p>
 * <b>No request the chunk would not send itself.</b> Only a chunk whose source records
 * have no ledger rows yet is prefetched (so not the chunks a restart resumes, whose
 * intents and skips are decided against a fresh read), never in an incremental run (which
 * decides by what the target already holds), only the files of records with exactly one
 * target record, and only while both apps' daily budgets have room for two more chunks.
 * The target lookup made here is handed to the chunk instead of its own, so a run sends
 * exactly as many requests as without prefetching; the records it read are a few seconds
 * old when the chunk updates them, and kintone's revision check refuses the update if
 * anyone changed them meanwhile (the writer then re-reads and retries). The one exception
 * is a stop or failure at the boundary: the prefetched chunk's requests were then spent
 * for nothing, and are sent again by the next run.
 *
 * <p>
 * Used by the step thread only.
 */
final class NextChunkPrefetch {

	private static final Logger logger = LoggerFactory.getLogger(NextChunkPrefetch.class);

	/**
	 * What was started for a chunk: its source records, the target lookup and the
	 * transfers.
	 */
	record Started(List<Long> sourceRecords, Set<String> lookedUp, Map<String, List<KintoneRecord>> targets,
			Map<SourceAttachment, CompletableFuture<TransferredFile>> transfers) {

		/** Whether this was started for exactly the records of {@code items}. */
		boolean isFor(List<? extends SourceItem> items) {
			return sourceRecords.equals(items.stream().map(SourceItem::sourceRecord).toList());
		}

	}

	private final ChunkLookahead lookahead;

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final TargetLookup lookup;

	private final ChunkTransfers transfers;

	private final BudgetEstimate estimate;

	private final MigrationRun run;

	NextChunkPrefetch(ChunkLookahead lookahead, MigrationRun run, MigrationLedger ledger, TargetLookup lookup,
			ChunkTransfers transfers, BudgetEstimate estimate) {
		this.lookahead = lookahead;
		this.run = run;
		this.config = run.config();
		this.ledger = ledger;
		this.lookup = lookup;
		this.transfers = transfers;
		this.estimate = estimate;
	}

	/**
	 * Looks up the next chunk's target records and queues its transfers behind the
	 * current ones.
	 * @return what was started, or {@code null} when the next chunk is not prefetched
	 * (see the class comment) or the lookup failed (the chunk then does it itself and
	 * meets the failure there)
	 */
	@Nullable Started start() {
		try {
			if (!estimate.roomFor(2, run.sourceRequests(), run.targetRequests())) {
				return null;
			}
			List<SourceItem> items = lookahead.next();
			if (items.isEmpty()) {
				return null;
			}
			List<Long> records = items.stream().map(SourceItem::sourceRecord).toList();
			if (!ledger.entries(config.name(), config.source().app().value(), records).isEmpty()) {
				return null;
			}
			Set<String> keys = new HashSet<>();
			items.stream()
				.filter(item -> !item.attachments().isEmpty())
				.map(SourceItem::matchKey)
				.filter(Objects::nonNull)
				.forEach(keys::add);
			if (keys.isEmpty()) {
				return null;
			}
			Map<String, List<KintoneRecord>> targets = lookup.byMatchKey(List.copyOf(keys));
			List<SourceAttachment> attachments = new ArrayList<>();
			for (SourceItem item : items) {
				if (item.matchKey() != null && targets.getOrDefault(item.matchKey(), List.of()).size() == 1) {
					attachments.addAll(item.attachments());
				}
			}
			return new Started(records, keys, targets, transfers.start(attachments));
		}
		catch (RuntimeException ex) {
			logger.debug("The next chunk is not prepared early: " + Failures.describe(ex));
			return null;
		}
	}

}
