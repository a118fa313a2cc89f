package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;

import org.jspecify.annotations.Nullable;

/**
 * Finds target records in one request per chunk: by the match field ({@code $id} or a
 * unique field), or by {@code $id} when re-reading after a revision conflict. Reads only
 * the fields the update needs: the mapped FILE fields, the whole of each mapped SUBTABLE,
 * and the match field.
 */
public final class TargetLookup {

	private final KintoneClient target;

	private final JobConfig.Match match;

	private final List<String> fields;

	public TargetLookup(KintoneClient target, JobConfig config) {
		this.target = target;
		this.match = config.match();
		this.fields = fields(config);
	}

	/**
	 * Target records by the source's match value; a key nobody has is absent, a key
	 * several records have maps to all of them.
	 */
	public Map<String, List<KintoneRecord>> byMatchKey(Collection<String> keys) {
		Map<String, List<KintoneRecord>> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		for (KintoneRecord record : target.recordsByKey(match.target(), new LinkedHashSet<>(keys), fields)) {
			String key = match.targetIsRecordId() ? Long.toString(record.id())
					: String.valueOf(AttachmentExtractor.plainValue(record.fields().get(match.target())));
			result.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
		}
		return result;
	}

	public Map<Long, KintoneRecord> byId(Collection<Long> ids) {
		Map<Long, KintoneRecord> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		List<String> keys = ids.stream().map(String::valueOf).toList();
		for (KintoneRecord record : target.recordsByKey(JobConfig.Match.RECORD_ID, keys, fields)) {
			result.put(record.id(), record);
		}
		return result;
	}

	/**
	 * Why a source record with this match value cannot be migrated when {@code found}
	 * target records have it (null when exactly one has): the job skips it with this
	 * reason, and {@code plan} reports it.
	 */
	public static @Nullable String problem(JobConfig.Match match, String key, int found) {
		if (found == 1) {
			return null;
		}
		return found == 0 ? "no target record has " + match.target() + " = " + key
				: found + " target records have " + match.target() + " = " + key;
	}

	private static List<String> fields(JobConfig config) {
		Set<String> fields = new LinkedHashSet<>();
		if (!config.match().targetIsRecordId()) {
			fields.add(config.match().target());
		}
		for (FileMapping mapping : config.files()) {
			fields.add(mapping.to().inSubtable() ? mapping.to().table() : mapping.to().field());
		}
		return List.copyOf(fields);
	}

	/**
	 * The fields the reader asks the source for: mapped FILE fields, their SUBTABLEs, the
	 * match field.
	 */
	public static List<String> sourceFields(JobConfig config) {
		Set<String> fields = new LinkedHashSet<>();
		if (!config.match().sourceIsRecordId()) {
			fields.add(config.match().source());
		}
		for (FileMapping mapping : config.files()) {
			fields.add(mapping.from().inSubtable() ? mapping.from().table() : mapping.from().field());
		}
		return List.copyOf(fields);
	}

}
