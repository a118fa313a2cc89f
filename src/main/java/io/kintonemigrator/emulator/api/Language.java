package io.kintonemigrator.emulator.api;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The language of error messages: Japanese unless {@code Accept-Language} prefers English. */
public enum Language {

	JA, EN;

	/**
	 * The first of ja/en in the header's preference order; {@code *}, other languages only, a missing or
	 * unparsable header all give the domain default, Japanese.
	 */
	public static Language fromAcceptLanguage(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return JA;
		}
		List<Locale.LanguageRange> ranges;
		try {
			ranges = Locale.LanguageRange.parse(header);
		}
		catch (IllegalArgumentException ex) {
			return JA;
		}
		for (Locale.LanguageRange range : ranges) {
			String tag = range.getRange().toLowerCase(Locale.ROOT);
			if (range.getWeight() <= 0) {
				continue;
			}
			if (tag.equals("en") || tag.startsWith("en-")) {
				return EN;
			}
			if (tag.equals("ja") || tag.startsWith("ja-") || tag.equals("*")) {
				return JA;
			}
		}
		return JA;
	}

}
