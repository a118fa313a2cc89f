package io.kintonemigrator.kintone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
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

	/**
	 * A PKCS#12 client certificate for Secure Access hosts ({@code *.s.cybozu.com}).
	 */
	public record ClientCertificate(Path pkcs12File, Secret password) {

		/**
		 * The key store in the file, opened with the password.
		 * @throws IllegalArgumentException one line naming the file (never the password)
		 * and the fix, when the file is missing or unreadable, the password is wrong or
		 * the file is not PKCS#12
		 */
		public KeyStore open() {
			if (!Files.isRegularFile(pkcs12File)) {
				throw new IllegalArgumentException("client certificate '" + pkcs12File
						+ "' does not exist or is not a file; give the path of the .pfx/.p12 file");
			}
			char[] secret = password.reveal().toCharArray();
			try (InputStream in = Files.newInputStream(pkcs12File)) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(in, secret);
				return keys;
			}
			catch (IOException | GeneralSecurityException ex) {
				// the cause is left out: its message may come from the file's content
				throw new IllegalArgumentException("cannot open client certificate '" + pkcs12File + "' ("
						+ ex.getClass().getSimpleName()
						+ "): the password is wrong or the file is not PKCS#12; give a .pfx/.p12 file and its password",
						null);
			}
			finally {
				Arrays.fill(secret, '\0');
			}
		}

	}

	/**
	 * An HTTP proxy (kintone's HTTPS goes through it in a {@code CONNECT} tunnel), with
	 * the user and password it asks for in {@code Proxy-Authorization: Basic}, if any.
	 */
	public record HttpProxy(String host, int port, @Nullable String username, @Nullable Secret password) {

		public HttpProxy {
			if ((username == null) != (password == null)) {
				throw new IllegalArgumentException("a proxy user needs a password, and a password a user");
			}
		}

		/** A proxy that asks for no credentials. */
		public HttpProxy(String host, int port) {
			this(host, port, null, null);
		}

		/** {@code host:port}, what a message may name (never the credentials). */
		public String address() {
			return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
		}

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
