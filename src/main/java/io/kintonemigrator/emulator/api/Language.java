package io.kintonemigrator.emulator.api;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The language of error messages: the one {@code Accept-Language} prefers, else the
 * domain's (Japanese unless the emulator is set up as an English-language domain,
 * {@link ApiSettings#domainLanguage()}).
 */
public enum Language {

	JA, EN;

	/**
	 * The first of ja/en in the header's preference order; {@code *}, other languages
	 * only, a missing or unparsable header all give the domain's language.
	 */
	public static Language fromAcceptLanguage(@Nullable String header, Language domainLanguage) {
		if (header == null || header.isBlank()) {
			return domainLanguage;
		}
		List<Locale.LanguageRange> ranges;
		try {
			ranges = Locale.LanguageRange.parse(header);
		}
		catch (IllegalArgumentException ex) {
			return domainLanguage;
		}
		for (Locale.LanguageRange range : ranges) {
			String tag = range.getRange().toLowerCase(Locale.ROOT);
			if (range.getWeight() <= 0) {
				continue;
			}
			if (tag.equals("en") || tag.startsWith("en-")) {
				return EN;
			}
			if (tag.equals("ja") || tag.startsWith("ja-")) {
				return JA;
			}
			if (tag.equals("*")) {
				return domainLanguage;
			}
		}
		return domainLanguage;
	}

}
