package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.kintone.KintoneTransportException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where a failed HTTP exchange becomes a typed exception. Reads at most
 * {@value #MAX_ERROR_BODY} bytes of an error body with {@code peekBody}, accepts
 * kintone's JSON ({@code code, id, message, errors}) and anything else (an HTML or
 * plain-text 503), and decides whether retrying can help: I/O errors, 429,
 * 500/502/503/504, {@code GAIA_DA02} and {@code GAIA_RE18} (database lock) can;
 * validation, permission and not-found errors cannot. The body is never copied into the
 * message, only kintone's own {@code message}.
 */
final class KintoneErrorMapper {

	static final int MAX_ERROR_BODY = 64 * 1024;

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

	private static final Set<String> RETRYABLE_CODES = Set.of("GAIA_DA02", "GAIA_RE18");

	static final String BASIC_AUTH_REFUSED = ": the Basic authentication in front of kintone refused the request;"
			+ " give its user and password as basicAuthUsername and basicAuthPassword";

	private final ObjectMapper json;

	private final Clock clock;

	KintoneErrorMapper(ObjectMapper json, Clock clock) {
		this.json = json;
		this.clock = clock;
	}

	/** Maps a non-2xx response; the caller still closes it. */
	KintoneApiException toException(String operation, Response response) {
		int status = response.code();
		Duration retryAfter = retryAfter(response.header("Retry-After"));
		JsonNode error = readJsonError(response);
		if (error == null) {
			String reason = response.message().isBlank() ? "" : " " + response.message();
			String type = response.header("Content-Type", "no content type");
			String hint = isBasicChallenge(status, response) ? BASIC_AUTH_REFUSED : "";
			return new KintoneApiException(operation, status, null, null,
					"(non-JSON error body, " + type + ")" + reason + hint, Map.of(), isRetryable(status, null),
					retryAfter);
		}
		String code = text(error, "code");
		String id = text(error, "id");
		String message = text(error, "message");
		return new KintoneApiException(operation, status, code, id, message == null ? "" : message, fieldErrors(error),
				isRetryable(status, code), retryAfter);
	}

	/**
	 * An exchange that did not complete: a {@link KintoneTransportException} (retryable),
	 * with what to fix when TLS failed over a certificate; or, when the proxy refused its
	 * credentials, a {@link KintoneApiException} with status 407 that retrying cannot
	 * help.
	 */
	KintoneException toException(String operation, IOException cause) {
		if (cause instanceof ProxyCredentials.ProxyRefusedException refused) {
			return new KintoneApiException(operation, 407, null, null, refused.getMessage(), Map.of(), false, null);
		}
		String tls = TlsFailures.explain(cause);
		return tls == null ? new KintoneTransportException(operation, cause)
				: new KintoneTransportException(operation, tls, cause);
	}

	/**
	 * A 401 that is not kintone's JSON and asks for Basic credentials: the Basic
	 * authentication in front of the domain refused the request.
	 */
	private static boolean isBasicChallenge(int status, Response response) {
		return status == 401 && response.headers("WWW-Authenticate")
			.stream()
			.anyMatch(challenge -> challenge.regionMatches(true, 0, "Basic", 0, 5));
	}

	static boolean isRetryable(int status, @Nullable String code) {
		return RETRYABLE_STATUSES.contains(status) || (code != null && RETRYABLE_CODES.contains(code));
	}

	/**
	 * {@code Retry-After} as delta-seconds or an HTTP date; null when absent or
	 * unreadable.
	 */
	@Nullable Duration retryAfter(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		try {
			long seconds = Long.parseLong(value);
			return seconds < 0 ? null : Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(clock.instant(),
						ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private @Nullable JsonNode readJsonError(Response response) {
		try {
			ResponseBody peeked = response.peekBody(MAX_ERROR_BODY);
			String body = peeked.string();
			if (!body.stripLeading().startsWith("{")) {
				return null;
			}
			JsonNode node = json.readTree(body);
			if (node.isObject() && node.path("results").isArray()) {
				return bulkError(node.path("results"));
			}
			return node.isObject() && (node.has("code") || node.has("message")) ? node : null;
		}
		catch (IOException | JacksonException ex) {
			// a truncated or broken error body is still an error response; say what we
			// know
			return null;
		}
	}

	/**
	 * A failed bulk request answers {@code {"results":[{}, {error}, {}]}}: the error of
	 * the sub-request that failed, with its index in the message (everything was rolled
	 * back); null when none is there.
	 */
	private @Nullable JsonNode bulkError(JsonNode results) {
		for (int i = 0; i < results.size(); i++) {
			JsonNode result = results.get(i);
			if (result.isObject() && (result.has("code") || result.has("message"))) {
				ObjectNode error = ((ObjectNode) result).deepCopy();
				String message = text(result, "message");
				error.put("message", (message == null ? "" : message + " ") + "(bulk sub-request " + (i + 1) + " of "
						+ results.size() + "; nothing of the bulk request was applied)");
				return error;
			}
		}
		return null;
	}

	private static Map<String, List<String>> fieldErrors(JsonNode error) {
		JsonNode errors = error.get("errors");
		if (errors == null || !errors.isObject()) {
			return Map.of();
		}
		Map<String, List<String>> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : errors.properties()) {
			JsonNode messages = entry.getValue().path("messages");
			result.put(entry.getKey(),
					messages.isArray() ? messages.values().stream().map(JsonNode::asString).toList() : List.of());
		}
		return result;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
