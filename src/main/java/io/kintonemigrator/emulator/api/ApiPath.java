package io.kintonemigrator.emulator.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A kintone REST path: {@code /k/v1/{api}.json} or
 * {@code /k/guest/{spaceId}/v1/{api}.json}. Matching is case-sensitive, so
 * {@code /k/v1/Records.json} is no API (kintone answers 404).
 */
public record ApiPath(@Nullable Long guestSpaceId, String api) {

	private static final Pattern PATH = Pattern.compile("/k/(?:guest/([1-9][0-9]{0,17})/)?v1/([A-Za-z/]+)\\.json");

	/** The API path named by a request URI (no query string), or null if it is none. */
	public static @Nullable ApiPath parse(String requestUri) {
		Matcher matcher = PATH.matcher(requestUri);
		if (!matcher.matches()) {
			return null;
		}
		Long space = (matcher.group(1) != null) ? Long.valueOf(matcher.group(1)) : null;
		return new ApiPath(space, matcher.group(2));
	}

}
