package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.OnExisting;
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
 * <li>reads the ledger rows of the chunk's source records, by identity (cell, name, size,
 * occurrence: never by position); a record whose attachments are all done and that has no
 * other row is left alone (an incremental run opens every record it reads again);</li>
 * <li>finds the target records in one request; two source records that would write the
 * same target record (in this chunk, or one the ledger says another source record's files
 * went to) and tables whose {@code rowKey} values repeat are skipped with the
 * reason;</li>
 * <li>reconciles the INTENT rows left by a crash, per target record
 * ({@link UpdateProof}): an applied update's rows become ATTACHED, the others are redone,
 * reusing an upload key while the record is unchanged and the key is young;</li>
 * <li>decides per attachment: attach it (moved now by {@link ChunkTransfers}, taking over
 * what the previous chunk started and starting the next chunk's, see
 * {@link NextChunkPrefetch}), keep the copy the target holds, or (rows whose file left
 * the source, or whose source file changed) take the job's copy off the target;</li>
 * <li>commits INTENT rows (own transaction), then sends one bulk update (each record with
 * its revision); a revision conflict re-reads the records, keeps those whose update turns
 * out applied (the conflict answered the retry of an update whose answer was lost) and
 * rebuilds the others, so a concurrent edit is never overwritten;</li>
 * <li>marks the outcome ATTACHED / SKIPPED and deletes the rows of files no longer in the
 * source, in the chunk transaction, which commits together with the reader's
 * checkpoint.</li>
 * </ol>
 * Permanent per-record errors skip the record (up to the job's skip limit, counted for
 * this run) instead of going through Spring Batch's skip scan, which would repeat the
 * transfers. Access errors (token, password, permission) are not per-record: they fail
 * the run.
 *
 * <p>
 * Rows are only taken as done for the target app and field they name, from the same
 * source file, and skips only under the same job file (see {@link LedgerRows}), so a
 * changed job file redoes what it changes. Incremental runs ({@code reopenEarlierRuns})
 * read only records updated since the last completed run and open each of them again:
 * with {@code replace} every current attachment is moved again; with {@code append} and
 * {@code skip} the copies the target still holds stay. Not thread-safe.
 */
class TargetRecordWriter implements ItemWriter<SourceItem> {

	private static final Log logger = LogFactory.getLog(TargetRecordWriter.class);

	/** Upload keys expire after 3 days; one younger than this is still safe to send. */
	static final Duration UPLOAD_KEY_REUSE_LIMIT = Duration.ofDays(3).minusHours(6);

	static final int MAX_CONFLICT_ATTEMPTS = 5;

	private final MigrationRun run;

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final LedgerRows rows;

	private final TargetLookup lookup;

	private final UpdatePlanner planner;

	private final ChunkTransfers transfers;

	private final Clock clock;

	private final boolean reopenEarlierRuns;

	private final @Nullable NextChunkPrefetch prefetch;

	private final LeaseFence fence;

	private final Set<String> mappedTargetFields;

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
		this(run, ledger, clock, reopenEarlierRuns, lookahead, estimate, LeaseFence.NONE);
	}

	/**
	 * @param fence checked right before each update's intents and the update itself
	 * ({@code JobLocks})
	 */
	TargetRecordWriter(MigrationRun run, MigrationLedger ledger, Clock clock, boolean reopenEarlierRuns,
			ChunkLookahead lookahead, BudgetEstimate estimate, LeaseFence fence) {
		this.run = run;
		this.fence = fence;
		this.config = run.config();
		this.ledger = ledger;
		this.rows = new LedgerRows(config);
		this.lookup = new TargetLookup(run.target(), config);
		this.planner = new UpdatePlanner(config.onExisting());
		this.transfers = new ChunkTransfers(run.transfer(), run.transfers(), new FreshDownloadKeys(run.source()));
		this.clock = clock;
		this.reopenEarlierRuns = reopenEarlierRuns;
		this.prefetch = reopenEarlierRuns || lookahead == ChunkLookahead.NONE ? null
				: new NextChunkPrefetch(lookahead, run, ledger, lookup, transfers, estimate);
		this.mappedTargetFields = config.files().stream().map(m -> m.to().toString()).collect(Collectors.toSet());
	}

	@Override
	public void write(Chunk<? extends SourceItem> chunk) {
		NextChunkPrefetch.Started early = ahead != null && ahead.isFor(chunk.getItems()) ? ahead : null;
		ahead = null;
		ChunkOutcome outcome = new ChunkOutcome(rows);
		List<RecordWork> works = openWork(chunk.getItems(), outcome);
		if (!works.isEmpty()) {
			resolveTargets(works, outcome, early);
			UpdateProof proof = new UpdateProof(run.target(), config.onExisting(), run.workDir());
			List<SourceAttachment> toTransfer = new ArrayList<>();
			for (RecordWork work : works) {
				reconcile(work, proof);
				decide(work, outcome, toTransfer);
				locateCopies(work, proof);
			}
			transfer(works, toTransfer, outcome, early);
			checkSkipLimit(outcome); // before anything is sent
			send(works.stream().filter(w -> !changes(w).isEmpty() || replaceMayReorder(w)).toList(), 1, outcome, proof);
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
	 * The records with something to look at: anything not done, any row not about a
	 * current attachment.
	 */
	private List<RecordWork> openWork(List<? extends SourceItem> items, ChunkOutcome outcome) {
		Map<Long, List<LedgerEntry>> byRecord = ledger
			.entries(config.name(), config.source().app().value(),
					items.stream().map(SourceItem::sourceRecord).toList())
			.stream()
			.collect(Collectors.groupingBy(entry -> entry.ref().sourceRecord()));
		List<RecordWork> works = new ArrayList<>();
		for (SourceItem item : items) {
			RecordWork work = new RecordWork(item, byRecord.getOrDefault(item.sourceRecord(), List.of()));
			if (!needsWork(work)) {
				continue;
			}
			String problem = item.matchKey() == null
					? "source field " + config.match().source() + " is empty, so no target record can match"
					: repeatedRowKey(item);
			if (problem != null) {
				outcome.skip(item.attachments(), null, problem);
				continue;
			}
			works.add(work);
		}
		return works;
	}

	/**
	 * Under replace, owned copies that stay may have to change order (the planner tells).
	 */
	private boolean replaceMayReorder(RecordWork work) {
		return config.onExisting() == OnExisting.REPLACE && !work.kept.isEmpty();
	}

	private UpdatePlanner.Changes changes(RecordWork work) {
		return work.changes(config.onExisting() == OnExisting.REPLACE);
	}

	private boolean needsWork(RecordWork work) {
		if (config.onExisting() == OnExisting.REPLACE && work.item.cells().stream().anyMatch(SourceItem.Cell::empty)) {
			return true; // the target cells paired with empty source cells must end up
							// empty
		}
		if (reopenEarlierRuns || (work.item.attachments().isEmpty() && work.rows.isEmpty())) {
			// a record without files comes here only when the ledger has rows for it
			return !work.item.attachments().isEmpty() || !work.rows.isEmpty();
		}
		Set<AttachmentRef> current = new HashSet<>();
		for (SourceAttachment attachment : work.item.attachments()) {
			current.add(attachment.ref());
			LedgerEntry row = work.rows.get(attachment.ref());
			if (row == null || !(rows.attachedHere(row, attachment) || rows.skipStands(row, attachment))) {
				return true;
			}
			if (row.fileIndex() != attachment.fileIndex() && config.onExisting() == OnExisting.REPLACE) {
				return true; // the source's files changed order: replace keeps the
								// source's order
			}
		}
		return !current.containsAll(work.rows.keySet());
	}

	/**
	 * Rows of one table that share a {@code rowKey} value cannot be paired: the record is
	 * skipped.
	 */
	private @Nullable String repeatedRowKey(SourceItem item) {
		Map<String, List<SourceAttachment>> byTable = new LinkedHashMap<>();
		for (SourceAttachment attachment : item.attachments()) {
			if (attachment.mapping().rowKey() != null) {
				byTable.computeIfAbsent(attachment.mapping().from().table(), t -> new ArrayList<>()).add(attachment);
			}
		}
		for (List<SourceAttachment> attachments : byTable.values()) {
			Map<Object, String> rowByKey = new LinkedHashMap<>();
			for (SourceAttachment attachment : attachments) {
				String other = attachment.rowKeyValue() == null ? null
						: rowByKey.putIfAbsent(attachment.rowKeyValue(), String.valueOf(attachment.rowId()));
				if (other != null && !other.equals(String.valueOf(attachment.rowId()))) {
					return "two rows of source table " + attachment.mapping().from().table() + " have "
							+ attachment.mapping().rowKey() + " = " + attachment.rowKeyValue()
							+ ", so their files cannot be paired with target rows; make the values unique";
				}
			}
		}
		return null;
	}

	private void resolveTargets(List<RecordWork> works, ChunkOutcome outcome,
			NextChunkPrefetch.@Nullable Started early) {
		Map<String, RecordWork> byKey = new LinkedHashMap<>();
		for (RecordWork work : new ArrayList<>(works)) {
			if (work.item.attachments().isEmpty() && work.rows.isEmpty()) {
				continue; // only emptied under replace, and not when it shares its target
							// (below)
			}
			RecordWork first = byKey.putIfAbsent(work.item.matchKey(), work);
			if (first != null) {
				outcome.skip(work.item.attachments(), null, manyToOne(work.sourceRecord(), first.sourceRecord(), null));
				works.remove(work);
			}
		}
		works.removeIf(work -> work.item.attachments().isEmpty() && work.rows.isEmpty()
				&& byKey.containsKey(work.item.matchKey()));
		List<String> keys = works.stream().map(w -> w.item.matchKey()).toList();
		Map<String, List<KintoneRecord>> targets = early != null && early.lookedUp().containsAll(keys) ? early.targets()
				: lookup.byMatchKey(keys);
		for (RecordWork work : works) {
			List<KintoneRecord> found = targets.getOrDefault(work.item.matchKey(), List.of());
			if (found.size() == 1) {
				work.target = found.get(0);
				continue;
			}
			String reason = found.isEmpty()
					? "no target record has " + config.match().target() + " = " + work.item.matchKey()
					: found.size() + " target records have " + config.match().target() + " = " + work.item.matchKey();
			if (found.isEmpty() && config.onMissingTarget() == OnMissingTarget.FAIL) {
				throw new MissingTargetException(
						"source record " + work.sourceRecord() + ": " + reason + " (onMissingTarget: fail)");
			}
			outcome.skip(work.item.attachments(), null, reason);
		}
		works.removeIf(work -> work.target == null);
		Map<Long, List<Long>> sources = ledger.sourcesOf(config.name(), rows.targetApp(),
				works.stream().map(w -> w.target().id()).toList());
		works.removeIf(work -> {
			Long other = sources.getOrDefault(work.target().id(), List.of())
				.stream()
				.filter(source -> source != work.sourceRecord())
				.findFirst()
				.orElse(null);
			if (other != null) {
				outcome.skip(work.item.attachments(), work.target().id(),
						manyToOne(work.sourceRecord(), other, work.target().id()));
			}
			return other != null;
		});
	}

	private String manyToOne(long sourceRecord, long other, @Nullable Long targetRecord) {
		return "source records " + other + " and " + sourceRecord + " both match target record "
				+ (targetRecord == null ? "" : targetRecord + " ") + "(" + config.match().source()
				+ " must be unique); only the first is migrated";
	}

	/**
	 * Intent rows for this target record, per update sent: applied ones become ATTACHED
	 * rows.
	 */
	private void reconcile(RecordWork work, UpdateProof proof) {
		Map<Long, List<LedgerEntry>> byRevision = work.rows.values()
			.stream()
			.filter(row -> row.status() == LedgerStatus.INTENT && row.intent() != null
					&& Long.valueOf(work.target().id()).equals(row.targetRecord()) && rows.sameTargetApp(row))
			.collect(Collectors.groupingBy(row -> row.intent().baseRevision()));
		byRevision.forEach((baseRevision, intents) -> {
			List<UpdateProof.Expectation> expected = intents.stream()
				.map(row -> new UpdateProof.Expectation(FieldPath.parse(row.targetField()), row.fileName(), row.size(),
						row.intent().expectedCount(), row.intent().expectedTotal(), row.sha256()))
				.toList();
			if (proof.applied(work.target(), baseRevision, expected)) {
				for (LedgerEntry row : intents) {
					work.rows.put(row.ref(),
							new LedgerEntry(row.ref(), row.fileIndex(), row.sourceFileKey(), row.sha256(), row.target(),
									row.intent(), LedgerStatus.ATTACHED, row.attempts(), null, row.fingerprint()));
					work.reconciled.add(row.ref());
				}
			}
		});
	}

	/**
	 * For each attachment: attach it, keep the target's copy, or leave it as skipped; and
	 * what comes off.
	 */
	private void decide(RecordWork work, ChunkOutcome outcome, List<SourceAttachment> toTransfer) {
		KintoneRecord target = work.target();
		Instant reuseAfter = clock.instant().minus(UPLOAD_KEY_REUSE_LIMIT);
		Set<AttachmentRef> current = new HashSet<>();
		for (SourceAttachment attachment : work.item.attachments()) {
			current.add(attachment.ref());
			LedgerEntry row = work.rows.get(attachment.ref());
			if (row != null && !reopenEarlierRuns && rows.skipStands(row, attachment)) {
				continue;
			}
			boolean ours = row != null && rows.sameTarget(row, attachment)
					&& Long.valueOf(target.id()).equals(row.targetRecord());
			if (ours && row.status() == LedgerStatus.ATTACHED) {
				if (!LedgerRows.sameSourceFile(row, attachment)) {
					work.removals.add(row); // the source file changed under the same name
											// and size
				}
				else if (!(reopenEarlierRuns && config.onExisting() == OnExisting.REPLACE)
						&& UpdatePlanner.holdsCopy(target, attachment)) {
					work.kept.add(attachment);
					if (work.reconciled.contains(row.ref())) {
						outcome.attach(rows.attached(row, attachment));
					}
					else if (row.fileIndex() != attachment.fileIndex()) {
						outcome.refreshed.add(rows.attached(row, attachment));
					}
					continue;
				}
			}
			work.open.add(attachment);
			if (ours && row.status() == LedgerStatus.INTENT && row.intent() != null
					&& LedgerRows.sameSourceFile(row, attachment) && row.intent().baseRevision() == target.revision()
					&& row.intent().uploadedAt().isAfter(reuseAfter)) {
				work.pending.add(new PendingAttachment(attachment, new FileKey(row.intent().uploadKey()),
						row.intent().uploadedAt(), row.sha256()));
			}
			else {
				toTransfer.add(attachment);
			}
		}
		for (LedgerEntry row : work.rows.values()) {
			if (current.contains(row.ref())) {
				continue;
			}
			if (row.status() == LedgerStatus.ATTACHED && rows.sameTargetApp(row)
					&& Long.valueOf(target.id()).equals(row.targetRecord())
					&& mappedTargetFields.contains(row.targetField())) {
				work.removals.add(row); // forgotten once the update that takes it off is
										// applied
			}
			else {
				outcome.forgotten.add(row.ref());
			}
		}
	}

	/**
	 * Where the target holds several files like an owned copy, finds which one is ours by
	 * its bytes.
	 */
	private void locateCopies(RecordWork work, UpdateProof proof) {
		for (SourceAttachment kept : work.kept) {
			LedgerEntry row = work.rows.get(kept.ref());
			FileKey key = proof.copyOf(work.target(), kept.mapping().to(), kept.file().name(), kept.file().size(),
					row == null ? null : row.sha256());
			if (key != null) {
				work.copies.put(kept.ref(), key);
			}
		}
		for (LedgerEntry removal : work.removals) {
			FileKey key = proof.copyOf(work.target(), FieldPath.parse(removal.targetField()), removal.fileName(),
					removal.size(), removal.sha256());
			if (key != null) {
				work.copies.put(removal.ref(), key);
			}
		}
	}

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

	private void send(List<RecordWork> works, int attempt, ChunkOutcome outcome, UpdateProof proof) {
		Map<Long, RecordWork> byTarget = new LinkedHashMap<>();
		List<RecordPlan> toSend = new ArrayList<>();
		for (RecordWork work : works) {
			byTarget.put(work.target().id(), work);
			RecordPlan plan = planner.plan(work.target(), changes(work));
			plan.skipped().forEach(s -> outcome.skip(List.of(s.attachment()), plan.targetRecord(), s.reason()));
			if (plan.update() != null) {
				toSend.add(plan);
			}
			else {
				applied(work, plan, outcome);
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
			toSend.forEach(plan -> applied(byTarget.get(plan.targetRecord()), plan, outcome));
		}
		catch (RuntimeException ex) {
			if (Failures.isConflict(ex)) {
				if (attempt >= MAX_CONFLICT_ATTEMPTS) {
					throw new IllegalStateException("target records kept changing during " + attempt
							+ " attempts to update them; run the job again", ex);
				}
				logger.info("Revision conflict on " + toSend.size() + " target record(s); re-reading them (attempt "
						+ attempt + ")");
				send(reread(toSend, byTarget, outcome, proof), attempt + 1, outcome, proof);
			}
			else if (Failures.isPermanent(ex)) {
				if (toSend.size() == 1) {
					RecordWork work = byTarget.get(toSend.get(0).targetRecord());
					outcome.skip(work.open, work.target().id(), "update refused: " + Failures.describe(ex));
					return;
				}
				// find the record kintone refuses: send each on its own
				for (RecordPlan plan : toSend) {
					send(List.of(byTarget.get(plan.targetRecord())), attempt, outcome, proof);
				}
			}
			else {
				throw ex;
			}
		}
	}

	/**
	 * The update for the work's record is on the target: its attachments are attached,
	 * its removals done.
	 */
	private void applied(RecordWork work, RecordPlan plan, ChunkOutcome outcome) {
		for (RecordPlan.Planned planned : plan.planned()) {
			outcome.attach(rows.attached(planned.pending(), plan.targetRecord(),
					new LedgerEntry.Intent(plan.baseRevision(), planned.expectedCount(), planned.expectedTotal(),
							planned.pending().uploadKey().value(), planned.pending().uploadedAt())));
		}
		work.removals.forEach(row -> outcome.forgotten.add(row.ref()));
	}

	/**
	 * After a revision conflict: a record whose update turns out applied (the conflict
	 * answered the retry of an update whose answer was lost) is done; the others are
	 * planned again on the fresh record.
	 */
	private List<RecordWork> reread(List<RecordPlan> plans, Map<Long, RecordWork> byTarget, ChunkOutcome outcome,
			UpdateProof proof) {
		Map<Long, KintoneRecord> fresh = lookup.byId(plans.stream().map(RecordPlan::targetRecord).toList());
		List<RecordWork> retry = new ArrayList<>();
		for (RecordPlan plan : plans) {
			RecordWork work = byTarget.get(plan.targetRecord());
			KintoneRecord target = fresh.get(plan.targetRecord());
			if (target == null) {
				outcome.skip(work.open, plan.targetRecord(),
						"target record " + plan.targetRecord() + " was deleted during the migration");
				continue;
			}
			if (proof.applied(target, plan.baseRevision(), expectations(plan))) {
				applied(work, plan, outcome);
				continue;
			}
			work.target = target;
			retry.add(work);
		}
		return retry;
	}

	private static List<UpdateProof.Expectation> expectations(RecordPlan plan) {
		return plan.planned().stream().map(planned -> {
			SourceAttachment attachment = planned.pending().attachment();
			return new UpdateProof.Expectation(attachment.mapping().to(), attachment.file().name(),
					attachment.file().size(), planned.expectedCount(), planned.expectedTotal(),
					planned.pending().sha256());
		}).toList();
	}

	private List<LedgerEntry> intents(RecordPlan plan) {
		return plan.planned()
			.stream()
			.map(planned -> rows.intent(planned.pending(), plan.targetRecord(), plan.baseRevision(),
					planned.expectedCount(), planned.expectedTotal()))
			.toList();
	}

}
