package io.kintonemigrator.emulator.observe;

import java.util.Collections;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One request the emulator answered.
 *
 * @param method the HTTP method on the wire
 * @param effectiveMethod the method after {@code X-HTTP-Method-Override}
 * @param path the request path, e.g. {@code /k/v1/records.json}
 * @param api the kintone API it reached, e.g. {@code records} or {@code app/form/fields};
 * null when the path is no kintone API
 * @param app the app the request named, if any
 * @param status the HTTP status sent
 * @param kintoneCode the {@code code} of a kintone error answer, else null
 * @param injectedFault the fault injected into this request (e.g.
 * {@code connection-reset}), else null; the status of a cut or stalled request is the one
 * its answer started with
 * @param requestHeaders every request header, names lower-case. Holds credentials:
 * {@link #toString()} masks them; never log this map as is.
 */
public record RequestLogEntry(Instant time, String method, String effectiveMethod, String path, @Nullable String api,
		@Nullable Long app, int status, @Nullable String kintoneCode, @Nullable String injectedFault,
		Map<String, List<String>> requestHeaders) {

	private static final Set<String> SECRET_HEADERS = Set.of("x-cybozu-authorization", "x-cybozu-api-token",
			"authorization", "cookie");

	public RequestLogEntry {
		Map<String, List<String>> headers = new TreeMap<>();
		requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		requestHeaders = Collections.unmodifiableMap(headers);
	}

	/** The first value of a request header (name case-insensitive), or null. */
	public @Nullable String header(String name) {
		List<String> values = this.requestHeaders.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * The request headers with credentials replaced by {@code ***}: safe to print or
	 * serve.
	 */
	public Map<String, List<String>> maskedHeaders() {
		Map<String, List<String>> headers = new TreeMap<>();
		this.requestHeaders
			.forEach((name, values) -> headers.put(name, SECRET_HEADERS.contains(name) ? List.of("***") : values));
		return Collections.unmodifiableMap(headers);
	}

	@Override
	public String toString() {
		Map<String, List<String>> headers = maskedHeaders();
		return "RequestLogEntry[" + this.time + " " + this.method
				+ (this.method.equals(this.effectiveMethod) ? "" : "(" + this.effectiveMethod + ")") + " " + this.path
				+ " app=" + this.app + " -> " + this.status + (this.kintoneCode != null ? " " + this.kintoneCode : "")
				+ (this.injectedFault != null ? " injected=" + this.injectedFault : "") + " headers=" + headers + "]";
	}

}
