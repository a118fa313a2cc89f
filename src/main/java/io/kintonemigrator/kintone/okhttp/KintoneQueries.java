package io.kintonemigrator.kintone.okhttp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** The kintone query strings the client sends, with string literals escaped. */
final class KintoneQueries {

	private KintoneQueries() {
	}

	/** {@code (extra) and $id > afterId order by $id asc limit limit}. */
	static String keysetPage(long afterId, int limit, @Nullable String extraQuery) {
		return afterId(afterId, extraQuery) + " order by $id asc limit " + limit;
	}

	/** {@code (extra) and $id > afterId}. */
	static String afterId(long afterId, @Nullable String extraQuery) {
		String condition = "$id > " + afterId;
		if (extraQuery != null && !extraQuery.isBlank()) {
			condition = "(" + extraQuery.strip() + ") and " + condition;
		}
		return condition;
	}

	/** {@code keyField in ("k1", ...) order by $id asc limit 500}. */
	static String keyIn(String keyField, Collection<String> keys) {
		if (keyField.isBlank() || keyField.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '(' || c == ')')) {
			throw new IllegalArgumentException("'" + keyField + "' is not a kintone field code");
		}
		return keyField + " in (" + keys.stream().map(KintoneQueries::literal).collect(Collectors.joining(", "))
				+ ") order by $id asc limit 500";
	}

	/**
	 * A double-quoted kintone string literal: backslash, quote, tab and newline are
	 * escaped with a backslash.
	 */
	static String literal(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n") + '"';
	}

	/**
	 * The field selection to send: empty stays empty (all fields); otherwise {@code $id}
	 * and {@code $revision} are added so a record can always be built.
	 */
	static List<String> withIdAndRevision(List<String> fields) {
		if (fields.isEmpty()) {
			return fields;
		}
		List<String> result = new ArrayList<>(fields);
		if (!result.contains(KintoneJson.ID)) {
			result.add(KintoneJson.ID);
		}
		if (!result.contains(KintoneJson.REVISION)) {
			result.add(KintoneJson.REVISION);
		}
		return result;
	}

}
