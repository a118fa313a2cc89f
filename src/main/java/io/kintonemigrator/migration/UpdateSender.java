package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.MigrationLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's last step against kintone: plans each changed record's update
 * ({@link UpdatePlanner}), commits their INTENT rows in their own transaction (after
 * checking the job's lock is still held), then sends one bulk update, each record with
 * its revision. What kintone applied goes to the chunk's {@link ChunkOutcome}, written
 * with the chunk.
 * <ul>
 * <li>A revision conflict re-reads the records: those whose update turns out applied (the
 * conflict answered the retry of an update whose answer was lost, {@link UpdateProof})
 * are done, the others are planned again on the fresh record and sent again, at most
 * {@link #MAX_CONFLICT_ATTEMPTS} times; a concurrent edit is never overwritten.</li>
 * <li>A permanent refusal is narrowed to the record kintone refuses by sending each on
 * its own; that record is skipped.</li>
 * <li>Anything else is thrown: the chunk rolls back and the INTENT rows stay for the
 * restart to reconcile.</li>
 * </ul>
 * The {@link BulkUpdateListener} is told right before and right after each bulk update.
 * Not thread-safe.
 */
final class UpdateSender {

	private static final Logger logger = LoggerFactory.getLogger(UpdateSender.class);

	static final int MAX_CONFLICT_ATTEMPTS = 5;

	private final JobConfig config;

	private final KintoneClient target;

	private final MigrationLedger ledger;

	private final LedgerRows rows;

	private final TargetLookup lookup;

	private final UpdatePlanner planner;

	private final LeaseFence fence;

	private final BulkUpdateListener listener;

	UpdateSender(JobConfig config, KintoneClient target, MigrationLedger ledger, LedgerRows rows, TargetLookup lookup,
			LeaseFence fence, BulkUpdateListener listener) {
		this.config = config;
		this.target = target;
		this.ledger = ledger;
		this.rows = rows;
		this.lookup = lookup;
		this.planner = new UpdatePlanner(config.onExisting());
		this.fence = fence;
		this.listener = listener;
	}

	/** Sends the updates of the works whose target record changes. */
	void send(List<RecordWork> works, ChunkOutcome outcome, UpdateProof proof) {
		send(works.stream().filter(w -> !changes(w).isEmpty() || replaceMayReorder(w)).toList(), 1, outcome, proof);
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
			listener.beforeUpdate();
			target.updateRecords(toSend.stream().map(RecordPlan::update).toList());
			listener.afterUpdate();
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
			KintoneRecord now = fresh.get(plan.targetRecord());
			if (now == null) {
				outcome.skip(work.open, plan.targetRecord(),
						"target record " + plan.targetRecord() + " was deleted during the migration");
				continue;
			}
			if (proof.applied(now, plan.baseRevision(), expectations(plan))) {
				applied(work, plan, outcome);
				continue;
			}
			work.target = now;
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
