package io.kintonemigrator.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;

/**
 * The writer's third step, per record with its target: what happens to each attachment,
 * decided against the target as it is now.
 * <ol>
 * <li>reconciles the INTENT rows a crash left, per update sent ({@link UpdateProof}): an
 * applied update's rows become ATTACHED;</li>
 * <li>decides per attachment: keep the copy the target holds, reuse an upload key while
 * the record is unchanged and the key is young ({@link #UPLOAD_KEY_REUSE_LIMIT}), or
 * transfer it again; the job's copies of files no longer in the source (or changed under
 * the same name and size) are to come off;</li>
 * <li>where the target holds several files like an owned copy, finds which one is ours by
 * its bytes.</li>
 * </ol>
 * Fills the {@link RecordWork} and the chunk's {@link ChunkOutcome}; reads the target
 * only through the proof (downloads to compare hashes), writes nothing. Not thread-safe.
 */
final class AttachmentDecider {

	/** Upload keys expire after 3 days; one younger than this is still safe to send. */
	static final Duration UPLOAD_KEY_REUSE_LIMIT = Duration.ofDays(3).minusHours(6);

	private final OnExisting onExisting;

	private final LedgerRows rows;

	private final Clock clock;

	private final boolean reopenEarlierRuns;

	private final Set<String> mappedTargetFields;

	AttachmentDecider(JobConfig config, LedgerRows rows, Clock clock, boolean reopenEarlierRuns) {
		this.onExisting = config.onExisting();
		this.rows = rows;
		this.clock = clock;
		this.reopenEarlierRuns = reopenEarlierRuns;
		this.mappedTargetFields = config.files().stream().map(m -> m.to().toString()).collect(Collectors.toSet());
	}

	/**
	 * Decides the work's attachments; those to move now are added to {@code toTransfer}.
	 */
	void decide(RecordWork work, UpdateProof proof, ChunkOutcome outcome, List<SourceAttachment> toTransfer) {
		reconcile(work, proof);
		choose(work, outcome, toTransfer);
		locateCopies(work, proof);
	}

	/**
	 * Intent rows for this target record, per update sent: applied ones become ATTACHED
	 * rows.
	 * <p>
	 * The evidence is the files of the update whose source attachments still exist. A
	 * file whose source is gone (a deleted row or file) may have been taken off the
	 * target since, by a later update of ours that was applied when a crash lost its
	 * ledger rows; counting it would call an applied update unsent, and in append mode
	 * the next update would attach the others a second time (world seed 32591). Such a
	 * row becomes ATTACHED only if its own file is still there, to come off again.
	 */
	private void reconcile(RecordWork work, UpdateProof proof) {
		Set<AttachmentRef> inSource = work.item.attachments()
			.stream()
			.map(SourceAttachment::ref)
			.collect(Collectors.toSet());
		Map<Long, List<LedgerEntry>> byRevision = work.rows.values()
			.stream()
			.filter(row -> row.status() == LedgerStatus.INTENT && row.intent() != null
					&& Long.valueOf(work.target().id()).equals(row.targetRecord()) && rows.sameTargetApp(row))
			.collect(Collectors.groupingBy(row -> row.intent().baseRevision()));
		byRevision.forEach((baseRevision, intents) -> {
			List<LedgerEntry> evidence = intents.stream().filter(row -> inSource.contains(row.ref())).toList();
			if (evidence.isEmpty()) {
				evidence = intents;
			}
			if (proof.applied(work.target(), baseRevision, expectations(evidence))) {
				for (LedgerEntry row : intents) {
					if (evidence.contains(row)
							|| proof.applied(work.target(), baseRevision, expectations(List.of(row)))) {
						work.rows.put(row.ref(),
								new LedgerEntry(row.ref(), row.fileIndex(), row.sourceFileKey(), row.sha256(),
										row.target(), row.intent(), LedgerStatus.ATTACHED, row.attempts(), null,
										row.fingerprint()));
						work.reconciled.add(row.ref());
					}
				}
			}
		});
	}

	private static List<UpdateProof.Expectation> expectations(List<LedgerEntry> intents) {
		return intents.stream()
			.map(row -> new UpdateProof.Expectation(FieldPath.parse(row.targetField()), row.fileName(), row.size(),
					row.intent().expectedCount(), row.intent().expectedTotal(), row.sha256()))
			.toList();
	}

	/**
	 * For each attachment: attach it, keep the target's copy, or leave it as skipped; and
	 * what comes off.
	 */
	private void choose(RecordWork work, ChunkOutcome outcome, List<SourceAttachment> toTransfer) {
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
				else if (!(reopenEarlierRuns && onExisting == OnExisting.REPLACE)
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

}
