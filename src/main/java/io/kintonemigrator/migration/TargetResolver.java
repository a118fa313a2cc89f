package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.OnMissingTarget;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.MigrationLedger;

import org.jspecify.annotations.Nullable;

/**
 * The writer's second step: finds the target record of each record to work on, in one
 * request (or from what {@link NextChunkPrefetch} looked up while the previous chunk
 * finished). Two source records that would write the same target record (the same match
 * value in this chunk, or a target record the ledger says another source record's files
 * went to) are not both migrated: the first is, the others are skipped with the reason. A
 * record with no target, or with several, is skipped; with {@code onMissingTarget: fail}
 * a missing one fails the run ({@link MissingTargetException}). Removes what it skips
 * from the work list; reads the target and the ledger, writes nothing. Not thread-safe.
 */
final class TargetResolver {

	private final JobConfig config;

	private final MigrationLedger ledger;

	private final LedgerRows rows;

	private final TargetLookup lookup;

	TargetResolver(JobConfig config, MigrationLedger ledger, LedgerRows rows, TargetLookup lookup) {
		this.config = config;
		this.ledger = ledger;
		this.rows = rows;
		this.lookup = lookup;
	}

	/** Sets each remaining work's target record. */
	void resolve(List<RecordWork> works, ChunkOutcome outcome, NextChunkPrefetch.@Nullable Started early) {
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
			String reason = TargetLookup.problem(config.match(), work.item.matchKey(), found.size());
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

}
