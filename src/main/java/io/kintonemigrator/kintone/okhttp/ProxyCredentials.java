package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.kintonemigrator.kintone.KintoneConnection.HttpProxy;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Answers an HTTP proxy's {@code 407 Proxy Authentication Required} with the proxy's user
 * and password in {@code Proxy-Authorization: Basic}, sent up front for the
 * {@code CONNECT} that opens the tunnel to kintone (OkHttp asks before the first
 * attempt). A 407 that no credentials or only rejected ones can answer ends the call with
 * a {@link ProxyRefusedException} naming the proxy and the fix; trying again would meet
 * the same 407. The header value is built once and never logged.
 */
final class ProxyCredentials implements Authenticator {

	static final String HEADER = "Proxy-Authorization";

	/** The challenge OkHttp puts on the made-up 407 it asks with before a tunnel. */
	private static final String PREEMPTIVE = "OkHttp-Preemptive";

	private final HttpProxy proxy;

	private final @Nullable String value;

	ProxyCredentials(HttpProxy proxy) {
		this.proxy = proxy;
		this.value = proxy.username() == null || proxy.password() == null ? null : "Basic " + Base64.getEncoder()
			.encodeToString((proxy.username() + ":" + proxy.password().reveal()).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public @Nullable Request authenticate(@Nullable Route route, Response response) throws IOException {
		boolean preemptive = PREEMPTIVE.equals(response.header("Proxy-Authenticate"));
		if (preemptive) {
			return value == null ? null : withCredentials(response.request());
		}
		if (value == null) {
			throw new ProxyRefusedException(
					"the proxy " + proxy.address() + " asks for a user and password (Proxy Authentication Required); "
							+ "write them in the proxy URL: http://USER:PASSWORD@" + proxy.address());
		}
		if (response.request().header(HEADER) != null) {
			throw new ProxyRefusedException("the proxy " + proxy.address() + " refused the user '" + proxy.username()
					+ "' and its password (Proxy Authentication Required); check the user and password in proxy");
		}
		return withCredentials(response.request());
	}

	private Request withCredentials(Request request) {
		return request.newBuilder().header(HEADER, value).build();
	}

	@Override
	public String toString() {
		return "ProxyCredentials[" + proxy.address() + (value == null ? "" : ", " + HEADER + "=****") + "]";
	}

	/** The proxy answered 407 and we have nothing it would accept. */
	static final class ProxyRefusedException extends IOException {

		ProxyRefusedException(String message) {
			super(message);
		}

	}

}
