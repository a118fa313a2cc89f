package io.kintonemigrator.kintone.okhttp;

import java.net.UnknownHostException;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

import io.kintonemigrator.kintone.KintoneConnection;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Builds the URLs of one connection ({@code /k/v1/...} or {@code /k/guest/{id}/v1/...})
 * and checks the base URL once, when a client is opened.
 */
final class KintoneUrls {

	private final HttpUrl apiRoot;

	private KintoneUrls(HttpUrl apiRoot) {
		this.apiRoot = apiRoot;
	}

	/**
	 * @throws IllegalArgumentException when the base URL is not a bare {@code https}
	 * domain URL, or plain {@code http} to a host other than localhost/loopback without
	 * {@code allowInsecureHttp}
	 */
	static KintoneUrls of(KintoneConnection connection) {
		URI uri = connection.baseUrl();
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		HttpUrl base = HttpUrl.parse(uri.toString());
		if (base == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException("kintone base URL '" + uri
					+ "' is not an http(s) URL; use the domain URL, e.g. https://example.cybozu.com");
		}
		if (!(base.encodedPath().equals("/") && base.query() == null && base.fragment() == null)) {
			throw new IllegalArgumentException("kintone base URL '" + uri
					+ "' must be the domain only (no path or query); use e.g. https://" + base.host());
		}
		if (scheme.equals("http") && !connection.allowInsecureHttp() && !isLoopback(base.host())) {
			throw new IllegalArgumentException("kintone base URL '" + uri
					+ "' uses plain http; use https (plain http is accepted only for localhost, or when allowInsecureHttp is set)");
		}
		Long guestSpaceId = connection.guestSpaceId();
		if (guestSpaceId != null && guestSpaceId <= 0) {
			throw new IllegalArgumentException("guest space id must be positive, was " + guestSpaceId);
		}
		HttpUrl.Builder root = base.newBuilder().addPathSegment("k");
		if (guestSpaceId != null) {
			root.addPathSegment("guest").addPathSegment(Long.toString(guestSpaceId));
		}
		root.addPathSegment("v1");
		return new KintoneUrls(root.build());
	}

	/** {@code resource} like {@code "records.json"} or {@code "app/form/fields.json"}. */
	HttpUrl.Builder api(String resource) {
		return apiRoot.newBuilder().addPathSegments(resource);
	}

	/**
	 * The path of {@code resource}, as a bulk request's sub-request names it:
	 * {@code /k/v1/records.json} or the guest path.
	 */
	String path(String resource) {
		return api(resource).build().encodedPath();
	}

	String host() {
		return apiRoot.host();
	}

	/**
	 * The domain, as the resilience layer and the usage counters key it:
	 * {@code host[:port]}.
	 */
	String authority() {
		return apiRoot.host() + (apiRoot.port() == HttpUrl.defaultPort(apiRoot.scheme()) ? "" : ":" + apiRoot.port());
	}

	static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		if (h.equals("localhost") || h.endsWith(".localhost")) {
			return true;
		}
		// Only literal addresses: never resolve a name here.
		if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) {
			try {
				return InetAddress.getByName(h).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return false;
	}

}
