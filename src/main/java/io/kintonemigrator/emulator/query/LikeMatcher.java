package io.kintonemigrator.emulator.query;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An approximation of kintone's {@code like}. kintone runs a word search on a full-text
 * index (built asynchronously, with morphological analysis and a minimum keyword length):
 * {@code like "key"} does not find "gamma keyword". The emulator cannot reproduce that
 * index, so it matches <em>tokens as substrings</em>: the keyword is split at whitespace,
 * and a value matches when it contains every token, ignoring case and full-/half-width
 * differences (both sides NFKC-normalised and lower-cased). It therefore finds a superset
 * of what kintone finds. An empty keyword matches every value. For FILE fields only file
 * names are searched (kintone also searches file contents). Thread-safe and immutable.
 */
final class LikeMatcher implements Predicate<String> {

	private final List<String> tokens;

	LikeMatcher(String keyword) {
		this.tokens = Arrays.stream(normalize(keyword).split("\\s+")).filter((token) -> !token.isEmpty()).toList();
	}

	@Override
	public boolean test(String value) {
		String haystack = normalize(value);
		return this.tokens.stream().allMatch(haystack::contains);
	}

	private static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
