package io.kintonemigrator.kintone.okhttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.KintoneTransportException;
import io.kintonemigrator.kintone.Secret;
import io.kintonemigrator.testsupport.TestClock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.GUEST;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.GUEST_SPACE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.GUEST_TOKEN;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE_TOKEN;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connection settings: auth modes, guest space, User-Agent, proxy, request counting;
 * against the emulator.
 */
class OkHttpKintoneClientFactoryTests {

	private static final Instant NOON_JST = Instant.parse("2026-03-02T03:00:00Z");

	private static KintoneEmulator emulator;

	/**
	 * Every URL that went out on the wire, seen by a network interceptor on the shared
	 * HTTP client.
	 */
	private static final List<HttpUrl> wireUrls = new CopyOnWriteArrayList<>();

	private static final TestClock clock = new TestClock(NOON_JST);

	private static OkHttpKintoneClientFactory factory;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder().port(0).clock(clock).seed(EmulatorApps.seed()).start();
		OkHttpClient shared = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
			wireUrls.add(chain.request().url());
			return chain.proceed(chain.request());
		}).build();
		factory = new OkHttpKintoneClientFactory(shared, clock, "kintone-attachment-migrator/test-1.2.3");
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void clear() {
		emulator.clearRequestLog();
		wireUrls.clear();
	}

	private static RequestLogEntry onlyRequest() {
		assertThat(emulator.requestLog()).hasSize(1);
		return emulator.requestLog().get(0);
	}

	@Test
	void anApiTokenTravelsInItsHeaderNeverInTheUrl() {
		try (KintoneClient client = factory
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN))) {
			client.record(1);
		}

		RequestLogEntry request = onlyRequest();
		assertThat(request.header("X-Cybozu-API-Token")).isEqualTo(SOURCE_TOKEN);
		assertThat(request.header("X-Cybozu-Authorization")).isNull();
		assertThat(request.header("Authorization")).isNull();
		assertThat(wireUrls).singleElement().satisfies(url -> assertThat(url.toString()).doesNotContain(SOURCE_TOKEN));
	}

	@Test
	void severalTokensAreSentCommaJoinedInOneHeader() {
		try (KintoneClient client = factory
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN, TARGET_TOKEN))) {
			assertThat(client.record(1).id()).isEqualTo(1);
		}

		RequestLogEntry request = onlyRequest();
		assertThat(request.requestHeaders().get("x-cybozu-api-token"))
			.containsExactly(SOURCE_TOKEN + "," + TARGET_TOKEN);
	}

	@Test
	void moreThanNineTokensAreRefusedWhenTheConnectionIsMade() {
		assertThatThrownBy(() -> EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, "1", "2", "3", "4", "5", "6",
				"7", "8", "9", "10"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("between 1 and 9");
	}

	@Test
	void aUsersPasswordGoesBase64InXCybozuAuthorization() {
		try (KintoneClient client = factory.open(EmulatorApps.connection(emulator.baseUrl(), SOURCE, null,
				new Credentials.Password(EmulatorApps.USER, new Secret(EmulatorApps.PASSWORD))))) {
			assertThat(client.appInfo().name()).isEqualTo("source");
		}

		RequestLogEntry request = onlyRequest();
		assertThat(request.header("X-Cybozu-Authorization")).isEqualTo(Base64.getEncoder()
			.encodeToString((EmulatorApps.USER + ":" + EmulatorApps.PASSWORD).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.header("X-Cybozu-API-Token")).isNull();
	}

	@Test
	void aWrongPasswordIsAPermanent401() {
		try (KintoneClient client = factory.open(EmulatorApps.connection(emulator.baseUrl(), SOURCE, null,
				new Credentials.Password(EmulatorApps.USER, new Secret("wrong"))))) {
			assertThatThrownBy(client::appInfo).isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.code()).isEqualTo("CB_WA01");
				assertThat(ex.isRetryable()).isFalse();
			});
		}
	}

	@Test
	void aTokenOfAnotherAppIsAPermanentError() {
		try (KintoneClient client = factory
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, TARGET_TOKEN))) {
			assertThatThrownBy(() -> client.record(1)).isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.code()).isEqualTo("GAIA_IA02");
				assertThat(ex.isRetryable()).isFalse();
			});
		}
	}

	@Test
	void basicAuthInFrontIsSentAlongsideKintoneAuth() {
		KintoneConnection connection = new KintoneConnection(emulator.baseUrl(), new AppId(SOURCE), null,
				new Credentials.ApiTokens(List.of(new Secret(SOURCE_TOKEN))),
				new KintoneConnection.BasicAuth("gate", new Secret(EmulatorApps.BASIC_PASSWORD)), null, null,
				KintoneConnection.Timeouts.defaults(), false);
		try (KintoneClient client = factory.open(connection)) {
			client.appInfo();
		}

		RequestLogEntry request = onlyRequest();
		assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString(("gate:" + EmulatorApps.BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.header("X-Cybozu-API-Token")).isEqualTo(SOURCE_TOKEN);
	}

	@Test
	void aGuestSpaceAppIsReachedThroughTheGuestPath() {
		try (KintoneClient client = factory.open(EmulatorApps.connection(emulator.baseUrl(), GUEST, GUEST_SPACE,
				new Credentials.ApiTokens(List.of(new Secret(GUEST_TOKEN)))))) {
			assertThat(client.appInfo().name()).isEqualTo("guest");
			assertThat(client.recordsAfter(0, 10, List.of(), null)).hasSize(1);
			var file = client.record(1).files("att").get(0);
			assertThat(client
				.download(file.fileKey(), Path.of(System.getProperty("java.io.tmpdir"), "guest-" + System.nanoTime()))
				.size()).isEqualTo(100);
		}

		assertThat(emulator.requestLog()).extracting(RequestLogEntry::path)
			.allSatisfy(path -> assertThat(path).startsWith("/k/guest/5/v1/"));
	}

	@Test
	void aGuestSpaceAppWithoutTheGuestPathIsAPermanentError() {
		try (KintoneClient client = factory
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), GUEST, GUEST_TOKEN))) {
			assertThatThrownBy(client::appInfo).isInstanceOfSatisfying(KintoneApiException.class,
					ex -> assertThat(ex.isRetryable()).isFalse());
		}
	}

	@Test
	void everyRequestNamesTheToolAndItsVersion() {
		try (KintoneClient client = factory
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN))) {
			client.appInfo();
		}

		assertThat(onlyRequest().header("User-Agent")).isEqualTo("kintone-attachment-migrator/test-1.2.3");
		assertThat(OkHttpKintoneClientFactory.defaultUserAgent()).startsWith("kintone-attachment-migrator/");
	}

	@Test
	void reportsTheDomainsConcurrencyAndHowMuchOfItWasOurs() {
		try (OkHttpKintoneClientFactory reporting = new OkHttpKintoneClientFactory(new OkHttpClient(), clock, "t");
				KintoneClient source = reporting
					.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));
				KintoneClient target = reporting
					.open(EmulatorApps.tokenConnection(emulator.baseUrl(), TARGET, TARGET_TOKEN))) {
			assertThat(source.domainConcurrency()).isEqualTo(DomainConcurrency.UNKNOWN);

			source.appInfo();

			// the domain ran 1 request when it answered, and it was ours; the figures are
			// the domain's, so the other app's client sees them too
			assertThat(source.domainConcurrency()).isEqualTo(new DomainConcurrency(100, 1, 1));
			assertThat(target.domainConcurrency()).isEqualTo(new DomainConcurrency(100, 1, 1));
		}
	}

	@Test
	void requestsGoThroughTheConfiguredHttpProxy() {
		// nothing listens on the base URL's port: only the proxy (the emulator) can
		// answer
		KintoneConnection connection = new KintoneConnection(URI.create("http://localhost:9"), new AppId(SOURCE), null,
				new Credentials.ApiTokens(List.of(new Secret(SOURCE_TOKEN))), null, null,
				new KintoneConnection.HttpProxy("localhost", emulator.port()), KintoneConnection.Timeouts.defaults(),
				false);
		try (KintoneClient client = factory.open(connection)) {
			assertThat(client.appInfo().name()).isEqualTo("source");
		}

		assertThat(onlyRequest().path()).isEqualTo("/k/v1/app.json");
	}

	@Test
	void anUnreachableHostIsARetryableTransportError() {
		KintoneConnection connection = new KintoneConnection(URI.create("http://localhost:9"), new AppId(SOURCE), null,
				new Credentials.ApiTokens(List.of(new Secret(SOURCE_TOKEN))), null, null, null,
				new KintoneConnection.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)),
				false);
		try (KintoneClient client = factory.open(connection)) {
			assertThatThrownBy(client::appInfo).isInstanceOfSatisfying(KintoneTransportException.class, ex -> {
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getMessage()).startsWith("get app 11 failed: ").doesNotContain(SOURCE_TOKEN);
			});
		}
	}

	@Test
	void plainHttpToARemoteHostIsRefusedWithTheFix() {
		assertThatThrownBy(() -> factory
			.open(EmulatorApps.tokenConnection(URI.create("http://example.cybozu.com"), SOURCE, SOURCE_TOKEN)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("use https");
	}

	@Test
	void aTokenWithACommaIsRefusedWithoutShowingIt() {
		assertThatThrownBy(
				() -> factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, "abc,def-secret-part")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("comma")
			.hasMessageNotContaining("secret-part");
	}

}
