package io.kintonemigrator.kintone.okhttp;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.http.TlsSettings;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.HttpProxy;
import io.kintonemigrator.kintone.Secret;
import io.kintonemigrator.testsupport.AuthenticatingProxy;
import io.kintonemigrator.testsupport.TestCertificates;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client through a real HTTP proxy that demands {@code Proxy-Authorization}, to the
 * emulator on HTTPS: the credentials go with the first {@code CONNECT}; a proxy that asks
 * for credentials we do not have, or refuses ours, is asked once and answered with a 407
 * that retrying cannot help, naming the fix and never the password.
 */
class ProxyCredentialsTests {

	private static final String USER = "migrator";

	private static final String PASSWORD = "Pr0xy-secret-3e7";

	@TempDir
	static Path dir;

	private static KintoneEmulator emulator;

	private static AuthenticatingProxy proxy;

	private static X509TrustManager trustServer;

	@BeforeAll
	static void start() throws Exception {
		TestCertificates certificates = TestCertificates.create(dir.resolve("certs"));
		emulator = KintoneEmulator.builder()
			.seed(EmulatorApps.seed())
			.tls(TlsSettings.serverOnly(certificates.serverKeys(), TestCertificates.PASSWORD))
			.start();
		proxy = AuthenticatingProxy.start(USER, PASSWORD);
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(certificates.serverTrust())) {
			trusted.load(in, TestCertificates.PASSWORD.toCharArray());
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		trustServer = (X509TrustManager) factory.getTrustManagers()[0];
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
		emulator.close();
	}

	private static KintoneConnection through(HttpProxy httpProxy) {
		KintoneConnection direct = KintoneConnection.withApiToken(emulator.baseUrl(), EmulatorApps.SOURCE,
				EmulatorApps.SOURCE_TOKEN);
		return new KintoneConnection(direct.baseUrl(), new AppId(EmulatorApps.SOURCE), null, direct.credentials(), null,
				null, httpProxy, KintoneConnection.Timeouts.defaults(), false);
	}

	private static OkHttpKintoneClientFactory factory() {
		return new OkHttpKintoneClientFactory(new OkHttpClient(), true, Clock.systemUTC(), "test", trustServer);
	}

	@Test
	void theCredentialsGoWithTheFirstConnect() {
		int refusedBefore = proxy.refused();
		int tunnelsBefore = proxy.tunnels();
		try (OkHttpKintoneClientFactory factory = factory();
				KintoneClient client = factory
					.open(through(new HttpProxy("localhost", proxy.port(), USER, new Secret(PASSWORD))))) {

			assertThat(client.appInfo().name()).isNotBlank();
		}
		assertThat(proxy.refused()).isEqualTo(refusedBefore);
		assertThat(proxy.tunnels()).isEqualTo(tunnelsBefore + 1);
		assertThat(proxy.destinations()).contains("localhost:" + emulator.port());
	}

	@Test
	void aProxyThatAsksForCredentialsWeDoNotHaveIsAskedOnce() {
		int refusedBefore = proxy.refused();
		try (OkHttpKintoneClientFactory factory = factory();
				KintoneClient client = factory.open(through(new HttpProxy("localhost", proxy.port())))) {

			KintoneApiException refused = catchThrowableOfType(KintoneApiException.class, client::appInfo);

			assertThat(refused.status()).isEqualTo(407);
			assertThat(refused.isRetryable()).isFalse();
			assertThat(refused).hasMessageContaining("the proxy localhost:" + proxy.port()
					+ " asks for a user and password (Proxy Authentication Required); write them in the proxy URL");
		}
		assertThat(proxy.refused()).isEqualTo(refusedBefore + 1);
	}

	@Test
	void refusedCredentialsAreNotSentAgain() {
		int refusedBefore = proxy.refused();
		try (OkHttpKintoneClientFactory factory = factory();
				KintoneClient client = factory
					.open(through(new HttpProxy("localhost", proxy.port(), USER, new Secret("wrong-" + PASSWORD))))) {

			assertThatThrownBy(client::appInfo).isInstanceOf(KintoneApiException.class)
				.hasMessageContaining("refused the user 'migrator' and its password")
				.hasMessageNotContaining(PASSWORD)
				.satisfies(ex -> assertThat(((KintoneApiException) ex).isRetryable()).isFalse());
		}
		assertThat(proxy.refused()).isEqualTo(refusedBefore + 1);
	}

	@Test
	void theProxyAndItsCredentialsNeverShowTheirPassword() {
		HttpProxy httpProxy = new HttpProxy("localhost", proxy.port(), USER, new Secret(PASSWORD));

		assertThat(httpProxy.toString()).contains(USER).doesNotContain(PASSWORD);
		assertThat(new ProxyCredentials(httpProxy).toString()).doesNotContain(PASSWORD);
	}

}
