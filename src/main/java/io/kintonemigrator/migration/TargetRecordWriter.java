package io.kintonemigrator.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.OnMissingTarget;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.transfer.TransferredFile;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Does the work of a chunk, in this order:
 * <ol>
 * <li>reads the ledger rows of the chunk's source records: attachments ATTACHED or SKIPPED are done;</li>
 * <li>finds all target records of the chunk in one request;</li>
 * <li>reconciles each INTENT left by a crash with its target record: if the revision moved and the
 * expected files are there, kintone applied that update and the attachment is done; otherwise it
 * is redone, reusing its upload key while the record is unchanged and the key is young;</li>
 * <li>moves the remaining attachments in parallel ({@link ChunkTransfers}), taking over the
 * transfers the previous chunk started for them, and once they are queued starts the next chunk's
 * ({@link NextChunkPrefetch}: nothing of it is recorded or attached before its own chunk);</li>
 * <li>commits INTENT rows (own transaction), then sends one bulk update (at most 100 records, each
 * with its revision); a revision conflict re-reads the records and rebuilds the update, so a
 * concurrent edit is never overwritten (attachments the fresh record already holds, because the
 * conflict answered the retry of an update whose answer was lost, are done);</li>
 * <li>marks the outcome ATTACHED / SKIPPED in the chunk transaction, which commits together with
 * the reader's checkpoint.</li>
 * </ol>
 * Permanent per-record errors skip the record (up to the job's skip limit) instead of going
 * through Spring Batch's skip scan, which would repeat the transfers.
 *
 * <p><b>Incremental runs</b> ({@code reopenEarlierRuns}) read only records updated since the last
 * completed run, so their ATTACHED and SKIPPED rows were written by earlier runs (this run's
 * outcome for a record commits with the checkpoint that moves past it): they are opened again,
 * and the record's rows are rewritten to its current attachments (rows of files no longer in the
 * source are deleted). With {@code replace} every current attachment is moved again and the target
 * field ends up with exactly the source's files. With {@code append} and {@code skip} an attachment
 * whose name and size the target field already holds (not counting files accounted for by this
 * chunk's reconciled intents) is taken as there and marked ATTACHED without a transfer; only new
 * files are moved. That decision reads the target record, not earlier rows, so it survives a crash
 * at any point: intents of this run are reconciled first, exactly as in a full run. Not
 * thread-safe.
 */
class TargetRecordWriter implements ItemWriter<SourceItem> {

	private static final Log logger = LogFactory.getLog(TargetRecordWriter.class);

	/** Upload keys expire after 3 days; one younger than this is still safe to send. */
	static final Duration UPLOAD_KEY_REUSE_LIMIT = Duration.ofDays(3).minusHours(6);

	static final int MAX_CONFLICT_ATTEMPTS = 5;

	private final MigrationRun run;

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final TargetLookup lookup;

	private final UpdatePlanner planner;

	private final ChunkTransfers transfers;

	private final Clock clock;

	private final boolean reopenEarlierRuns;

	private final @Nullable NextChunkPrefetch prefetch;

	private final LeaseFence fence;

	/** What the previous chunk started for the next one. */
	private NextChunkPrefetch.@Nullable Started ahead;

	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock) {
		this(run, ledger, clock, false, ChunkLookahead.NONE, new BudgetEstimate(1, 1));
	}

	/**
	 * @param reopenEarlierRuns an incremental run (see the class comment)
	 * @param lookahead the next chunk's items, to start its transfers early ({@link NextChunkPrefetch});
	 * never used in an incremental run
	 */
	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock, boolean reopenEarlierRuns,
			ChunkLookahead lookahead, BudgetEstimate estimate) {
		this(run, ledger, clock, reopenEarlierRuns, lookahead, estimate, LeaseFence.NONE);
	}

	/** @param fence checked right before each update's intents and the update itself ({@code JobLocks}) */
	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock, boolean reopenEarlierRuns,
			ChunkLookahead lookahead, BudgetEstimate estimate, LeaseFence fence) {
		this.run = run;
		this.fence = fence;
		this.config = run.config();
		this.ledger = ledger;
		this.lookup = new TargetLookup(run.target(), config);
		this.planner = new UpdatePlanner(config.onExisting());
		this.transfers = new ChunkTransfers(run.transfer(), run.transfers(), new FreshDownloadKeys(run.source()));
		this.clock = clock;
		this.reopenEarlierRuns = reopenEarlierRuns;
		this.prefetch = reopenEarlierRuns || lookahead == ChunkLookahead.NONE ? null
				: new NextChunkPrefetch(lookahead, run, ledger, lookup, transfers, estimate);
	}

	@Override
	public void write(Chunk<? extends SourceItem> chunk) {
		NextChunkPrefetch.Started early = ahead != null && ahead.isFor(chunk.getItems()) ? ahead : null;
		ahead = null;
		ChunkOutcome outcome = new ChunkOutcome();
		List<Work> works = openWork(chunk.getItems(), outcome);
		if (!works.isEmpty()) {
			resolveTargets(works, outcome, early);
			List<Work> ready = prepareAttachments(works, outcome, early);
			checkSkipLimit(outcome); // before anything is sent
			send(ready.stream().map(w -> planner.plan(w.target, w.pending)).toList(), ready, 1, outcome);
		}
		checkSkipLimit(outcome);
		ledger.markAttached(config.name(), outcome.attached);
		ledger.markSkipped(config.name(), outcome.skipped);
		java.util.Set<AttachmentRef> attached = new java.util.HashSet<>(outcome.attached);
		run.counters().add(chunk.getItems().stream()
			.flatMap(item -> item.attachments().stream())
			.filter(attachment -> attached.contains(attachment.ref()))
			.toList(), outcome.skipped.size(), outcome.skipped.stream().map(entry -> entry.ref().sourceRecord()).toList());
		if (reopenEarlierRuns) {
			ledger.markPresent(config.name(), outcome.present);
			ledger.forget(config.name(), outcome.stale);
		}
	}

	private void checkSkipLimit(ChunkOutcome outcome) {
		long skippedRecords = ledger.summary(config.name()).skippedRecords()
				+ outcome.skipped.stream().map(entry -> entry.ref().sourceRecord()).distinct().count();
		if (skippedRecords > config.skipLimit()) {
			throw new SkipLimitExceededException(skippedRecords, config.skipLimit());
		}
	}

	private List<Work> openWork(List<? extends SourceItem> items, ChunkOutcome outcome) {
		long sourceApp = config.source().app().value();
		Map<AttachmentRef, LedgerEntry> rows = ledger
			.entries(config.name(), sourceApp, items.stream().map(SourceItem::sourceRecord).toList())
			.stream()
			.collect(Collectors.toMap(LedgerEntry::ref, Function.identity()));
		List<Work> works = new ArrayList<>();
		if (reopenEarlierRuns) {
			java.util.Set<AttachmentRef> current = items.stream()
				.flatMap(item -> item.attachments().stream())
				.map(SourceAttachment::ref)
				.collect(Collectors.toSet());
			rows.keySet().stream().filter(ref -> !current.contains(ref)).forEach(outcome.stale::add);
		}
		for (SourceItem item : items) {
			Work work = new Work(item);
			for (SourceAttachment attachment : item.attachments()) {
				LedgerEntry row = rows.get(attachment.ref());
				if (row == null || row.status() == LedgerStatus.INTENT) {
					work.open.put(attachment, row);
				}
				else if (reopenEarlierRuns) {
					work.open.put(attachment, null);
					work.earlier.put(attachment, row);
				}
			}
			if (work.open.isEmpty()) {
				continue;
			}
			if (item.matchKey() == null) {
				outcome.skip(work.open.keySet(), null,
						"source field " + config.match().source() + " is empty, so no target record can match");
				continue;
			}
			works.add(work);
		}
		return works;
	}

	private void resolveTargets(List<Work> works, ChunkOutcome outcome, NextChunkPrefetch.@Nullable Started early) {
		List<String> keys = works.stream().map(w -> w.item.matchKey()).toList();
		Map<String, List<KintoneRecord>> targets = early != null && early.lookedUp().containsAll(keys) ? early.targets()
				: lookup.byMatchKey(keys);
		for (Work work : works) {
			List<KintoneRecord> found = targets.getOrDefault(work.item.matchKey(), List.of());
			if (found.size() == 1) {
				work.target = found.get(0);
				continue;
			}
			String reason = found.isEmpty()
					? "no target record has " + config.match().target() + " = " + work.item.matchKey()
					: found.size() + " target records have " + config.match().target() + " = " + work.item.matchKey();
			if (found.isEmpty() && config.onMissingTarget() == OnMissingTarget.FAIL) {
				throw new MissingTargetException("source record " + work.item.sourceRecord() + ": " + reason
						+ " (onMissingTarget: fail)");
			}
			outcome.skip(work.open.keySet(), null, reason);
		}
		works.removeIf(work -> work.target == null);
	}

	/**
	 * Reconciles intents, reuses young upload keys, transfers the rest (taking over the transfers the
	 * previous chunk started, and starting the next chunk's once these are queued); returns the
	 * records with something to send.
	 */
	private List<Work> prepareAttachments(List<Work> works, ChunkOutcome outcome,
			NextChunkPrefetch.@Nullable Started early) {
		Instant now = clock.instant();
		List<SourceAttachment> toTransfer = new ArrayList<>();
		for (Work work : works) {
			TargetFiles present = reopenEarlierRuns && config.onExisting() != JobConfig.OnExisting.REPLACE
					? new TargetFiles(work.target) : null;
			for (Map.Entry<SourceAttachment, @Nullable LedgerEntry> open : work.open.entrySet()) {
				SourceAttachment attachment = open.getKey();
				LedgerEntry intent = open.getValue();
				if (intent != null && intent.targetRecord() != null && intent.targetRecord() == work.target.id()) {
					if (wasApplied(intent, attachment, work.target)) {
						outcome.attached.add(attachment.ref());
						if (present != null) {
							present.take(attachment);
						}
						continue;
					}
					if (intent.baseRevision() != null && intent.baseRevision() == work.target.revision()
							&& intent.uploadKey() != null && intent.uploadedAt() != null
							&& intent.uploadedAt().isAfter(now.minus(UPLOAD_KEY_REUSE_LIMIT))) {
						work.pending.add(new PendingAttachment(attachment, new FileKey(intent.uploadKey()),
								intent.uploadedAt(), intent.sha256()));
						continue;
					}
				}
				if (present != null && intent == null) {
					work.alreadyThere.add(attachment);
					continue;
				}
				toTransfer.add(attachment);
			}
			if (present != null) {
				// after the intents took their files, so a crash between update and commit is not counted twice
				for (SourceAttachment attachment : work.alreadyThere) {
					if (present.take(attachment)) {
						outcome.present.add(presentEntry(attachment, work));
					}
					else {
						toTransfer.add(attachment);
					}
				}
			}
		}
		ChunkTransfers.Result result = transfers.run(toTransfer, early == null ? Map.of() : early.transfers(),
				() -> ahead = prefetch == null ? null : prefetch.start());
		List<Work> ready = new ArrayList<>();
		for (Work work : works) {
			List<SourceAttachment> failed = work.open.keySet().stream().filter(result.permanent()::containsKey).toList();
			if (!failed.isEmpty()) {
				List<SourceAttachment> notDone = work.open.keySet()
					.stream()
					.filter(a -> !outcome.attached.contains(a.ref()) && !outcome.isPresent(a.ref()))
					.toList();
				outcome.skip(notDone, work.target.id(), failed.get(0).file().name() + ": "
						+ result.permanent().get(failed.get(0)));
				continue;
			}
			for (SourceAttachment attachment : work.open.keySet()) {
				TransferredFile moved = result.moved().get(attachment);
				if (moved != null) {
					work.pending.add(new PendingAttachment(attachment, moved.uploadKey(), moved.uploadedAt(),
							moved.sha256()));
				}
			}
			work.pending.sort(java.util.Comparator.comparingInt(p -> work.item.attachments().indexOf(p.attachment())));
			if (!work.pending.isEmpty()) {
				ready.add(work);
			}
		}
		return ready;
	}

	/** An ATTACHED row for a file the target already holds; keeps the earlier row's hash when it is the same file. */
	private static LedgerEntry presentEntry(SourceAttachment attachment, Work work) {
		LedgerEntry earlier = work.earlier.get(attachment);
		String sha256 = earlier != null && earlier.fileName().equals(attachment.file().name())
				&& earlier.size() == attachment.file().size() ? earlier.sha256() : null;
		return new LedgerEntry(attachment.ref(), attachment.file().name(), attachment.file().size(), sha256,
				work.target.id(), attachment.targetField(), null, null, null, null, LedgerStatus.ATTACHED, 0, null);
	}

	/**
	 * An intent was applied by kintone when the record's revision moved past the one the update
	 * was sent with and the field holds at least the expected number of files of that name and
	 * size. (If a user's edit moved the revision instead, our update was refused with 409 and the
	 * files are not there.)
	 */
	private static boolean wasApplied(LedgerEntry intent, SourceAttachment attachment, KintoneRecord target) {
		if (intent.baseRevision() == null || intent.expectedCount() == null
				|| target.revision() == intent.baseRevision()) {
			return false;
		}
		int present = UpdatePlanner.count(target, attachment.mapping().to(), attachment.file().name(),
				attachment.file().size());
		return present >= intent.expectedCount();
	}

	private void send(List<RecordPlan> plans, List<Work> works, int attempt, ChunkOutcome outcome) {
		Map<Long, Work> byTarget = new LinkedHashMap<>();
		works.forEach(work -> byTarget.put(work.target.id(), work));
		List<RecordPlan> toSend = new ArrayList<>();
		for (RecordPlan plan : plans) {
			plan.skipped().forEach(s -> outcome.skip(List.of(s.attachment()), plan.targetRecord(), s.reason()));
			if (plan.update() != null) {
				toSend.add(plan);
			}
		}
		if (toSend.isEmpty()) {
			return;
		}
		fence.verifyHeld(config.name()); // a run that lost its lock writes nothing more
		ledger.recordIntents(config.name(), toSend.stream().flatMap(plan -> intents(plan).stream()).toList());
		try {
			CrashTestHook.beforeUpdate();
			run.target().updateRecords(toSend.stream().map(RecordPlan::update).toList());
			CrashTestHook.afterUpdate();
			toSend.forEach(plan -> plan.planned().forEach(p -> outcome.attached.add(p.pending().attachment().ref())));
		}
		catch (RuntimeException ex) {
			if (Failures.isConflict(ex)) {
				if (attempt >= MAX_CONFLICT_ATTEMPTS) {
					throw new IllegalStateException("target records kept changing during " + attempt
							+ " attempts to update them; run the job again", ex);
				}
				logger.info("Revision conflict on " + toSend.size() + " target record(s); re-reading them (attempt "
						+ attempt + ")");
				List<Work> retry = reread(toSend, byTarget, outcome);
				send(retry.stream().map(w -> planner.plan(w.target, w.pending)).toList(), retry, attempt + 1, outcome);
			}
			else if (Failures.isPermanent(ex)) {
				if (toSend.size() == 1) {
					RecordPlan plan = toSend.get(0);
					outcome.skip(byTarget.get(plan.targetRecord()).open.keySet().stream()
						.filter(a -> !outcome.attached.contains(a.ref()))
						.toList(), plan.targetRecord(), "update refused: " + Failures.describe(ex));
					return;
				}
				// find the record kintone refuses: send each on its own
				for (RecordPlan plan : toSend) {
					send(List.of(plan), List.of(byTarget.get(plan.targetRecord())), attempt, outcome);
				}
			}
			else {
				throw ex;
			}
		}
	}

	private List<Work> reread(List<RecordPlan> plans, Map<Long, Work> byTarget, ChunkOutcome outcome) {
		Map<Long, KintoneRecord> fresh = lookup.byId(plans.stream().map(RecordPlan::targetRecord).toList());
		List<Work> retry = new ArrayList<>();
		for (RecordPlan plan : plans) {
			Work work = byTarget.get(plan.targetRecord());
			KintoneRecord target = fresh.get(plan.targetRecord());
			if (target == null) {
				outcome.skip(work.pending.stream().map(PendingAttachment::attachment).toList(), plan.targetRecord(),
						"target record " + plan.targetRecord() + " was deleted during the migration");
				continue;
			}
			work.target = target;
			// the 409 may answer the retry of an update kintone applied but whose answer was lost:
			// what it carried is there now, and its upload keys are used up
			for (RecordPlan.Planned planned : plan.planned()) {
				SourceAttachment attachment = planned.pending().attachment();
				if (target.revision() != plan.baseRevision() && UpdatePlanner.count(target, attachment.mapping().to(),
						attachment.file().name(), attachment.file().size()) >= planned.expectedCount()) {
					outcome.attached.add(attachment.ref());
					work.pending.remove(planned.pending());
				}
			}
			if (!work.pending.isEmpty()) {
				retry.add(work);
			}
		}
		return retry;
	}

	private List<LedgerEntry> intents(RecordPlan plan) {
		List<LedgerEntry> intents = new ArrayList<>();
		for (RecordPlan.Planned planned : plan.planned()) {
			PendingAttachment pending = planned.pending();
			SourceAttachment attachment = pending.attachment();
			intents.add(new LedgerEntry(attachment.ref(), attachment.file().name(), attachment.file().size(),
					pending.sha256(), plan.targetRecord(), attachment.targetField(), plan.baseRevision(),
					planned.expectedCount(), pending.uploadKey().value(), pending.uploadedAt(), LedgerStatus.INTENT, 0,
					null));
		}
		return intents;
	}

	/** One source record's open attachments (with their intent, if any) and its target. */
	private static final class Work {

		final SourceItem item;

		final Map<SourceAttachment, @Nullable LedgerEntry> open = new LinkedHashMap<>();

		final List<PendingAttachment> pending = new ArrayList<>();

		/** Incremental runs: rows earlier runs left for the open attachments. */
		final Map<SourceAttachment, LedgerEntry> earlier = new LinkedHashMap<>();

		/** Incremental runs: open attachments to look for on the target before moving them. */
		final List<SourceAttachment> alreadyThere = new ArrayList<>();

		@Nullable KintoneRecord target;

		Work(SourceItem item) {
			this.item = item;
		}

	}

	/** What the chunk decided, written to the ledger in the chunk transaction. */
	private static final class ChunkOutcome {

		final List<AttachmentRef> attached = new ArrayList<>();

		final List<LedgerEntry> skipped = new ArrayList<>();

		/** Incremental runs: attachments the target already holds. */
		final List<LedgerEntry> present = new ArrayList<>();

		/** Incremental runs: rows of files that are no longer in their source record. */
		final List<AttachmentRef> stale = new ArrayList<>();

		boolean isPresent(AttachmentRef ref) {
			return present.stream().anyMatch(entry -> entry.ref().equals(ref));
		}

		void skip(java.util.Collection<SourceAttachment> attachments, @Nullable Long targetRecord, String reason) {
			for (SourceAttachment attachment : attachments) {
				attached.remove(attachment.ref());
				present.removeIf(entry -> entry.ref().equals(attachment.ref()));
				skipped.add(LedgerEntry.skipped(attachment.ref(), attachment.file().name(), attachment.file().size(),
						targetRecord, attachment.targetField(), reason));
			}
		}

	}

}
