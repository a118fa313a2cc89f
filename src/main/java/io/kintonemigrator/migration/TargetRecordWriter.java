package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.transfer.TransferredFile;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Does the work of a chunk, in this order, each step its own class:
 * <ol>
 * <li>{@link ChunkTriage}: reads the ledger rows of the chunk's source records, by
 * identity; leaves alone records with nothing to do, skips those that cannot be
 * written;</li>
 * <li>{@link TargetResolver}: finds the target records in one request, skipping
 * many-to-one and missing targets;</li>
 * <li>{@link AttachmentDecider}: reconciles the INTENT rows left by a crash, then decides
 * per attachment: attach it, keep the copy the target holds, or take the job's copy off
 * the target;</li>
 * <li>{@link ChunkTransfers}: moves the files to attach, all at once, taking over what
 * the previous chunk started and starting the next chunk's ({@link NextChunkPrefetch});
 * </li>
 * <li>{@link UpdateSender}: commits INTENT rows (own transaction), then sends one bulk
 * update, each record with its revision;</li>
 * <li>here: marks the outcome ATTACHED / SKIPPED and deletes the rows of files no longer
 * in the source, in the chunk transaction, which commits together with the reader's
 * checkpoint, and counts what moved.</li>
 * </ol>
 * Permanent per-record errors skip the record (up to the job's skip limit, counted once
 * per record for this run, checked before anything is sent) instead of going through
 * Spring Batch's skip scan, which would repeat the transfers. Access errors (token,
 * password, permission) are not per-record: they fail the run. Nothing is retried here
 * but a revision conflict ({@link UpdateSender}) and a stale download key
 * ({@link ChunkTransfers}): transient kintone errors are retried per request by the
 * resilience layer, and anything else thrown fails the chunk, whose transaction rolls
 * back; the restart redoes it from the committed INTENT rows. Why each window between
 * these steps is safe is docs/reliability.md, "What the ledger proves".
 *
 * <p>
 * Rows are only taken as done for the target app and field they name, from the same
 * source file, and skips only under the same job file (see {@link LedgerRows}), so a
 * changed job file redoes what it changes. Incremental runs ({@code reopenEarlierRuns})
 * read only records updated since the last completed run and open each of them again:
 * with {@code replace} every current attachment is moved again; with {@code append} and
 * {@code skip} the copies the target still holds stay. Closes nothing: the clients and
 * the transfer executor belong to the {@link MigrationRun}. Not thread-safe.
 */
class TargetRecordWriter implements ItemWriter<SourceItem> {

	private final MigrationRun run;

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final ChunkTriage triage;

	private final TargetResolver resolver;

	private final AttachmentDecider decider;

	private final ChunkTransfers transfers;

	private final UpdateSender sender;

	private final @Nullable NextChunkPrefetch prefetch;

	private final LedgerRows rows;

	/** Source records skipped by this run (the skip limit counts them once each). */
	private final Set<Long> skippedRecords = new HashSet<>();

	/** What the previous chunk started for the next one. */
	private NextChunkPrefetch.@Nullable Started ahead;

	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock) {
		this(run, ledger, clock, false, ChunkLookahead.NONE, new BudgetEstimate(1, 0));
	}

	/**
	 * @param reopenEarlierRuns an incremental run (see the class comment)
	 * @param lookahead the next chunk's items, to start its transfers early
	 * ({@link NextChunkPrefetch}); never used in an incremental run
	 */
	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock, boolean reopenEarlierRuns,
			ChunkLookahead lookahead, BudgetEstimate estimate) {
		this(run, ledger, clock, reopenEarlierRuns, lookahead, estimate, LeaseFence.NONE, BulkUpdateListener.NONE);
	}

	/**
	 * @param fence checked right before each update's intents and the update itself
	 * ({@code JobLocks})
	 * @param listener told around each bulk update
	 */
	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock, boolean reopenEarlierRuns,
			ChunkLookahead lookahead, BudgetEstimate estimate, LeaseFence fence, BulkUpdateListener listener) {
		this.run = run;
		this.config = run.config();
		this.ledger = ledger;
		this.rows = new LedgerRows(config);
		TargetLookup lookup = new TargetLookup(run.target(), config);
		this.triage = new ChunkTriage(config, ledger, rows, reopenEarlierRuns);
		this.resolver = new TargetResolver(config, ledger, rows, lookup);
		this.decider = new AttachmentDecider(config, rows, clock, reopenEarlierRuns);
		this.transfers = new ChunkTransfers(run.transfer(), run.transfers(), new FreshDownloadKeys(run.source()));
		this.sender = new UpdateSender(config, run.target(), ledger, rows, lookup, fence, listener);
		this.prefetch = reopenEarlierRuns || lookahead == ChunkLookahead.NONE ? null
				: new NextChunkPrefetch(lookahead, run, ledger, lookup, transfers, estimate);
	}

	@Override
	public void write(Chunk<? extends SourceItem> chunk) {
		NextChunkPrefetch.Started early = ahead != null && ahead.isFor(chunk.getItems()) ? ahead : null;
		ahead = null;
		ChunkOutcome outcome = new ChunkOutcome(rows);
		List<RecordWork> works = triage.openWork(chunk.getItems(), outcome);
		if (!works.isEmpty()) {
			resolver.resolve(works, outcome, early);
			UpdateProof proof = new UpdateProof(run.target(), config.onExisting(), run.workDir());
			List<SourceAttachment> toTransfer = new ArrayList<>();
			for (RecordWork work : works) {
				decider.decide(work, proof, outcome, toTransfer);
			}
			transfer(works, toTransfer, outcome, early);
			checkSkipLimit(outcome); // before anything is sent
			sender.send(works, outcome, proof);
		}
		checkSkipLimit(outcome);
		ledger.markAttached(config.name(), outcome.attached);
		ledger.markAttached(config.name(), outcome.refreshed);
		ledger.markSkipped(config.name(), outcome.skipped);
		ledger.forget(config.name(), outcome.forgotten);
		skippedRecords.addAll(outcome.skippedRecords());
		Set<AttachmentRef> attached = outcome.attached.stream().map(LedgerEntry::ref).collect(Collectors.toSet());
		run.counters()
			.add(chunk.getItems()
				.stream()
				.flatMap(item -> item.attachments().stream())
				.filter(attachment -> attached.contains(attachment.ref()))
				.toList(), outcome.skipped.size(), outcome.skippedRecords());
	}

	private void checkSkipLimit(ChunkOutcome outcome) {
		Set<Long> skipped = new HashSet<>(skippedRecords);
		skipped.addAll(outcome.skippedRecords());
		if (skipped.size() > config.skipLimit()) {
			throw new SkipLimitExceededException(skipped.size(), config.skipLimit());
		}
	}

	/**
	 * Moves the files to attach (starting the next chunk's meanwhile); a record with a
	 * file that cannot be moved is skipped whole.
	 */
	private void transfer(List<RecordWork> works, List<SourceAttachment> toTransfer, ChunkOutcome outcome,
			NextChunkPrefetch.@Nullable Started early) {
		ChunkTransfers.Result result = transfers.run(toTransfer, early == null ? Map.of() : early.transfers(),
				() -> ahead = prefetch == null ? null : prefetch.start());
		for (RecordWork work : new ArrayList<>(works)) {
			SourceAttachment failed = work.open.stream()
				.filter(result.permanent()::containsKey)
				.findFirst()
				.orElse(null);
			if (failed != null) {
				outcome.skip(work.open, work.target().id(),
						failed.file().name() + ": " + result.permanent().get(failed));
				works.remove(work);
				continue;
			}
			for (SourceAttachment attachment : work.open) {
				TransferredFile moved = result.moved().get(attachment);
				if (moved != null) {
					work.pending
						.add(new PendingAttachment(attachment, moved.uploadKey(), moved.uploadedAt(), moved.sha256()));
				}
			}
		}
	}

}
