package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;

import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Puts a connection's credentials and our User-Agent on every request: API tokens
 * comma-joined in {@code X-Cybozu-API-Token}, or
 * {@code X-Cybozu-Authorization: base64(login:password)}, plus
 * {@code Authorization: Basic} when the domain sits behind Basic authentication.
 * Credentials only ever travel in headers, never in the URL. The header values are built
 * once and never logged.
 */
final class KintoneAuthInterceptor implements Interceptor {

	static final String API_TOKEN = "X-Cybozu-API-Token";

	static final String PASSWORD = "X-Cybozu-Authorization";

	static final String BASIC = "Authorization";

	private final String authHeader;

	private final String authValue;

	private final @Nullable String basicValue;

	private final String userAgent;

	KintoneAuthInterceptor(KintoneConnection connection, String userAgent) {
		Credentials credentials = connection.credentials();
		if (credentials instanceof Credentials.ApiTokens tokens) {
			tokens.tokens().forEach(KintoneAuthInterceptor::checkToken);
			this.authHeader = API_TOKEN;
			this.authValue = tokens.tokens().stream().map(Secret::reveal).collect(Collectors.joining(","));
		}
		else if (credentials instanceof Credentials.Password password) {
			this.authHeader = PASSWORD;
			this.authValue = base64(requireLogin(password.username()), password.password());
		}
		else {
			throw new IllegalArgumentException("unsupported credentials " + credentials.getClass().getSimpleName());
		}
		KintoneConnection.BasicAuth basic = connection.basicAuth();
		this.basicValue = (basic == null) ? null : "Basic " + base64(requireLogin(basic.username()), basic.password());
		this.userAgent = userAgent;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request.Builder request = chain.request()
			.newBuilder()
			.header(authHeader, authValue)
			.header("User-Agent", userAgent);
		if (basicValue != null) {
			request.header(BASIC, basicValue);
		}
		return chain.proceed(request.build());
	}

	@Override
	public String toString() {
		return "KintoneAuthInterceptor[" + authHeader + "=****" + (basicValue == null ? "" : ", " + BASIC + "=****")
				+ "]";
	}

	private static void checkToken(Secret token) {
		String value = token.reveal();
		if (value.isBlank() || value.contains(",") || !isPrintableAscii(value)) {
			throw new IllegalArgumentException(
					"an API token is blank or contains a comma or a non-printable character; copy it again from the app's settings");
		}
	}

	private static String requireLogin(String login) {
		if (login.isBlank() || login.contains(":")) {
			throw new IllegalArgumentException(
					"login name '" + login + "' is blank or contains ':'; give the kintone login name");
		}
		return login;
	}

	private static String base64(String login, Secret password) {
		return Base64.getEncoder().encodeToString((login + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isPrintableAscii(String value) {
		return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

}
