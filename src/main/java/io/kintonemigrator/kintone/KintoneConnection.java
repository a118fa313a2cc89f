package io.kintonemigrator.kintone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How to reach one app: the domain's base URL ({@code https://example.cybozu.com}), the
 * app, an optional guest space, the credentials, and transport options. Plain
 * {@code http} is accepted only for {@code localhost} and loopback addresses, unless
 * {@code allowInsecureHttp} is set.
 */
public record KintoneConnection(URI baseUrl, AppId app, @Nullable Long guestSpaceId, Credentials credentials,
		@Nullable BasicAuth basicAuth, @Nullable ClientCertificate clientCertificate, @Nullable HttpProxy proxy,
		Timeouts timeouts, boolean allowInsecureHttp) {

	/**
	 * kintone authentication: API tokens of this app (at most 9), or a user's password.
	 */
	public sealed interface Credentials {

		record ApiTokens(List<Secret> tokens) implements Credentials {
			public ApiTokens {
				tokens = List.copyOf(tokens);
				if (tokens.isEmpty() || tokens.size() > 9) {
					throw new IllegalArgumentException("between 1 and 9 API tokens are allowed, got " + tokens.size());
				}
			}
		}

		record Password(String username, Secret password) implements Credentials {
		}

	}

	/** Basic authentication in front of the domain, sent in addition to kintone's own. */
	public record BasicAuth(String username, Secret password) {
	}

	/** A PKCS#12 client certificate for Secure Access hosts ({@code *.s.cybozu.com}). */
	public record ClientCertificate(Path pkcs12File, Secret password) {
	}

	public record HttpProxy(String host, int port) {
	}

	/**
	 * Per-I/O-operation timeouts; there is deliberately no whole-call timeout (it would
	 * cut long transfers).
	 */
	public record Timeouts(Duration connect, Duration read, Duration write) {

		public static Timeouts defaults() {
			return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
		}

	}

	/** A connection with token auth and default options. */
	public static KintoneConnection withApiToken(URI baseUrl, long app, String token) {
		return new KintoneConnection(baseUrl, new AppId(app), null,
				new Credentials.ApiTokens(List.of(new Secret(token))), null, null, null, Timeouts.defaults(), false);
	}

}
