package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.ClientCertificate;
import io.kintonemigrator.kintone.KintoneTransportException;
import io.kintonemigrator.kintone.Secret;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secure Access: the client presents a PKCS#12 certificate. The emulator speaks plain
 * HTTP, so this runs against the JDK's HTTPS server demanding a client certificate (real
 * TLS over loopback).
 */
class ClientCertificateTests {

	private static final String PASSWORD = "changeit-test";

	@TempDir
	static Path dir;

	private static HttpsServer server;

	private static X509TrustManager trustServer;

	private static final List<String> peers = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startTlsServerDemandingAClientCertificate() throws Exception {
		Path serverKeys = keypair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
		Path clientKeys = keypair("client", "CN=migrator-test-client", null);
		KeyStore serverStore = load(serverKeys);
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(serverStore, PASSWORD.toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), trusting(load(clientKeys), "client").getTrustManagers(), null);
		trustServer = (X509TrustManager) trusting(serverStore, "server").getTrustManagers()[0];

		server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls) {
			@Override
			public void configure(HttpsParameters params) {
				SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
				parameters.setNeedClientAuth(true);
				params.setSSLParameters(parameters);
			}
		});
		server.createContext("/k/v1/app.json", exchange -> {
			try {
				X509Certificate peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
					.getPeerCertificates()[0];
				peers.add(peer.getSubjectX500Principal().getName());
			}
			catch (SSLPeerUnverifiedException ex) {
				peers.add("none");
			}
			byte[] body = "{\"appId\":\"7\",\"name\":\"secure\",\"spaceId\":null}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	private static OkHttpKintoneClientFactory factory() {
		return new OkHttpKintoneClientFactory(new OkHttpClient(), true, Clock.systemUTC(), "test", trustServer);
	}

	private static KintoneConnection connection(@Nullable ClientCertificate certificate) {
		return new KintoneConnection(URI.create("https://localhost:" + server.getAddress().getPort()), new AppId(7),
				null, new KintoneConnection.Credentials.ApiTokens(List.of(new Secret("token"))), null, certificate,
				null, KintoneConnection.Timeouts.defaults(), false);
	}

	@Test
	void presentsTheClientCertificateToASecureAccessHost() {
		try (OkHttpKintoneClientFactory factory = factory();
				KintoneClient client = factory
					.open(connection(new ClientCertificate(dir.resolve("client.p12"), new Secret(PASSWORD))))) {

			assertThat(client.appInfo().name()).isEqualTo("secure");
		}
		assertThat(peers).contains("CN=migrator-test-client");
	}

	@Test
	void byDefaultAServerCertificateTheJdkDoesNotTrustIsRefusedBeforeAnyRequest() {
		int handled = peers.size();
		try (OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory();
				KintoneClient client = factory
					.open(connection(new ClientCertificate(dir.resolve("client.p12"), new Secret(PASSWORD))))) {
			assertThatThrownBy(client::appInfo).isInstanceOf(KintoneTransportException.class)
				.rootCause()
				.satisfies(root -> assertThat(root.getClass().getName()).contains("CertPath"));
		}
		assertThat(peers).hasSize(handled);
	}

	@Test
	void withoutTheCertificateTheHandshakeFailsAsATransportError() {
		try (OkHttpKintoneClientFactory factory = factory(); KintoneClient client = factory.open(connection(null))) {
			assertThatThrownBy(client::appInfo).isInstanceOf(KintoneTransportException.class);
		}
	}

	@Test
	void aWrongPasswordOrMissingFileIsReportedWhenTheClientIsOpened() {
		try (OkHttpKintoneClientFactory factory = factory()) {
			assertThatThrownBy(() -> factory
				.open(connection(new ClientCertificate(dir.resolve("client.p12"), new Secret("wrong-password")))))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("cannot open client certificate")
				.hasMessageContaining("PKCS#12")
				.hasMessageNotContaining("wrong-password");
			assertThatThrownBy(() -> factory
				.open(connection(new ClientCertificate(dir.resolve("missing.p12"), new Secret(PASSWORD)))))
				.hasMessageContaining("missing.p12");
		}
	}

	private static Path keypair(String alias, String dname, @Nullable String extension)
			throws IOException, InterruptedException {
		Path file = dir.resolve(alias + ".p12");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
				"-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", dname, "-storetype", "PKCS12",
				"-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) {
			command.addAll(List.of("-ext", extension));
		}
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as(output).isZero();
		return file;
	}

	private static KeyStore load(Path file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static TrustManagerFactory trusting(KeyStore keys, String alias) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry(alias, keys.getCertificate(alias));
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		return factory;
	}

}
