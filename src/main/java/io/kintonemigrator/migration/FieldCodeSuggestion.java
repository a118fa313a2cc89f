package io.kintonemigrator.migration;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for a mistyped field code: the known code closest to it by edit distance
 * (Levenshtein, over Unicode code points, so a Japanese code counts one edit per
 * character; a difference in case only counts as one edit in all), if it is close enough
 * to be a typo: at most one edit for codes up to 4 characters, two up to 8, three beyond.
 * Ties go to the code first in alphabetical order.
 */
final class FieldCodeSuggestion {

	private FieldCodeSuggestion() {
	}

	/** The closest code to {@code typed} among {@code codes}, if close enough. */
	static Optional<String> closest(String typed, Collection<String> codes) {
		int limit = typed.codePointCount(0, typed.length()) <= 4 ? 1
				: typed.codePointCount(0, typed.length()) <= 8 ? 2 : 3;
		return codes.stream()
			.filter(code -> !code.equals(typed))
			.map(code -> new Candidate(code, distance(typed, code)))
			.filter(candidate -> candidate.distance() <= limit)
			.min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::code))
			.map(Candidate::code);
	}

	/** {@code "; did you mean 'x'?"}, or empty. */
	static String hint(String typed, Collection<String> codes) {
		return closest(typed, codes).map(code -> "; did you mean '" + code + "'?").orElse("");
	}

	/**
	 * The Levenshtein distance between two strings, by code point; codes that differ only
	 * in case are one edit apart.
	 */
	static int distance(String a, String b) {
		if (!a.equals(b) && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT))) {
			return 1;
		}
		int[] left = a.codePoints().toArray();
		int[] right = b.codePoints().toArray();
		int[] previous = new int[right.length + 1];
		int[] current = new int[right.length + 1];
		for (int j = 0; j <= right.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= left.length; i++) {
			current[0] = i;
			for (int j = 1; j <= right.length; j++) {
				int substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[right.length];
	}

	private record Candidate(String code, int distance) {
	}

}
