package io.kintonemigrator.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.FileMapping;
import org.jspecify.annotations.Nullable;

/**
 * The {@code files} list of a job file: each mapping's {@code from} and {@code to} (FIELD
 * or TABLE.FIELD, both of one kind), its {@code rowKey} (one code, or {@code from} and
 * {@code to} codes), and no field mapped twice. Adds one line per problem to the list it
 * was given.
 */
final class FileMappingsValidator {

	private final List<String> problems;

	FileMappingsValidator(List<String> problems) {
		this.problems = problems;
	}

	List<FileMapping> files(@Nullable List<RawJobFile.Mapping> raw) {
		List<FileMapping> mappings = new ArrayList<>();
		if (raw == null || raw.isEmpty()) {
			problems.add("files: missing; map at least one FILE field, e.g. '- from: attachments' / '  to: documents'");
			return mappings;
		}
		Set<String> sources = new HashSet<>();
		Set<String> targets = new HashSet<>();
		for (int i = 0; i < raw.size(); i++) {
			String key = "files[" + i + "]";
			RawJobFile.Mapping mapping = raw.get(i);
			if (mapping == null) {
				problems.add(key + ": empty entry; give from and to");
				continue;
			}
			FieldPath from = fieldPath(key + ".from", mapping.from());
			FieldPath to = fieldPath(key + ".to", mapping.to());
			if (from == null || to == null) {
				continue;
			}
			if (from.inSubtable() != to.inSubtable()) {
				problems.add(key + ": '" + from + "' and '" + to
						+ "' must both be top-level FILE fields or both TABLE.FIELD inside subtables");
				continue;
			}
			String[] rowKey = rowKey(key + ".rowKey", mapping.rowKey());
			if (rowKey != null && !from.inSubtable()) {
				problems.add(key + ".rowKey: only subtable mappings (TABLE.FIELD) pair rows; remove rowKey");
			}
			if (!sources.add(from.toString())) {
				problems.add(key + ".from: '" + from + "' is mapped twice");
			}
			if (!targets.add(to.toString())) {
				problems.add(key + ".to: '" + to + "' is the target of two mappings");
			}
			mappings.add(
					rowKey == null ? new FileMapping(from, to, null) : new FileMapping(from, to, rowKey[0], rowKey[1]));
		}
		return mappings;
	}

	/**
	 * The source and target key columns of {@code rowKey: CODE} (the same code in both
	 * tables) or {@code rowKey: {from: CODE, to: CODE}}; null when absent or wrong (then
	 * a problem was added).
	 */
	private String @Nullable [] rowKey(String key, @Nullable Object raw) {
		if (raw == null || raw instanceof String text && text.isBlank()) {
			return null;
		}
		if (raw instanceof String text) {
			return new String[] { text.strip(), text.strip() };
		}
		if (raw instanceof Map<?, ?> map) {
			String from = map.get("from") instanceof String text && !text.isBlank() ? text.strip() : null;
			String to = map.get("to") instanceof String text && !text.isBlank() ? text.strip() : null;
			boolean onlyFromAndTo = map.keySet().stream().allMatch(name -> "from".equals(name) || "to".equals(name));
			if (from != null && to != null && onlyFromAndTo) {
				return new String[] { from, to };
			}
		}
		problems.add(key + ": give the key column's code (rowKey: item_no, the same code in both tables) or both codes"
				+ " (rowKey: {from: item_no, to: line_no})");
		return null;
	}

	private @Nullable FieldPath fieldPath(String key, @Nullable String path) {
		if (path == null || path.isBlank()) {
			problems.add(key + ": missing; give a FILE field code, or TABLE.FIELD for a FILE field in a subtable");
			return null;
		}
		String[] parts = path.strip().split("\\.", -1);
		if (parts.length > 2 || parts[0].isEmpty() || parts[parts.length - 1].isEmpty()) {
			problems.add(key + ": '" + path + "' must be FIELD or TABLE.FIELD");
			return null;
		}
		return FieldPath.parse(path.strip());
	}

}
