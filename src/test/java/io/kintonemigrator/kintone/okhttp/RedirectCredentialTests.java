package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A kintone host that answers with a redirect to another host must never make us send the
 * credentials there. Two real HTTP servers on loopback: "kintone" on {@code localhost}
 * redirects every request to a second server on {@code 127.0.0.1} (another host name for
 * OkHttp), which records what arrives. The shared OkHttp client is built to follow
 * redirects, as a caller's might be: the factory must switch that off for its clients.
 */
class RedirectCredentialTests {

	private static final String TOKEN = "redirect-test-token";

	private static final String PASSWORD = "redirect-test-password";

	private HttpServer kintone;

	private HttpServer elsewhere;

	private final List<Map<String, List<String>>> arrivedElsewhere = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		elsewhere.createContext("/", exchange -> {
			arrivedElsewhere.add(Map.copyOf(exchange.getRequestHeaders()));
			byte[] body = "{\"name\":\"phished\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		elsewhere.start();
		// "localhost" as the client will resolve it first: a host name other than
		// 127.0.0.1 for OkHttp
		kintone = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
		kintone.createContext("/", exchange -> {
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + exchange.getRequestURI());
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		kintone.start();
	}

	@AfterEach
	void stop() {
		kintone.stop(0);
		elsewhere.stop(0);
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 302, 307, 308 })
	void aRedirectIsNotFollowedSoNoCredentialReachesTheOtherHost(int status) throws IOException {
		kintone.removeContext("/");
		kintone.createContext("/", exchange -> {
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + exchange.getRequestURI());
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		OkHttpClient followingRedirects = new OkHttpClient.Builder().followRedirects(true)
			.followSslRedirects(true)
			.build();
		try (OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory(followingRedirects, Clock.systemUTC(),
				"test");
				KintoneClient client = factory
					.open(connection(new Credentials.ApiTokens(List.of(new Secret(TOKEN)))))) {

			assertThatThrownBy(client::appInfo).isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.status()).isEqualTo(status);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).doesNotContain(TOKEN);
			});
		}

		assertThat(arrivedElsewhere).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "token", "password" })
	void noCredentialHeaderArrivesAtTheOtherHostWhateverTheAuthentication(String kind) throws IOException {
		Credentials credentials = kind.equals("token") ? new Credentials.ApiTokens(List.of(new Secret(TOKEN)))
				: new Credentials.Password("someone", new Secret(PASSWORD));
		try (OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory(new OkHttpClient(), Clock.systemUTC(),
				"test"); KintoneClient client = factory.open(connection(credentials))) {
			assertThatThrownBy(client::formFields).isInstanceOf(KintoneApiException.class);
			assertThatThrownBy(() -> client.record(1)).isInstanceOf(KintoneApiException.class);
		}

		assertThat(arrivedElsewhere).isEmpty();
	}

	private KintoneConnection connection(Credentials credentials) {
		URI base = URI.create("http://localhost:" + kintone.getAddress().getPort());
		assertThat(kintone.getAddress().getAddress().isLoopbackAddress()).isTrue();
		return new KintoneConnection(base, new AppId(1), null, credentials,
				new KintoneConnection.BasicAuth("proxyuser", new Secret("basic-secret")), null, null,
				KintoneConnection.Timeouts.defaults(), false);
	}

}
