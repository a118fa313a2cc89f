package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Key stores for TLS on localhost, made at test time with the JDK's {@code keytool}: a
 * self-signed server certificate for {@code localhost} and a self-signed client
 * certificate, each in a PKCS#12 file, and the two trust stores that accept them (the
 * client's for the server, the server's for the client). Every file has the password
 * {@link #PASSWORD}.
 *
 * @param serverKeys the server's key and certificate ({@code CN=localhost}, SAN localhost
 * and 127.0.0.1)
 * @param serverTrust the server's certificate alone: a client trusting it reaches the
 * server
 * @param clientKeys the client's key and certificate ({@code CN=migrator-test-client}), a
 * {@code .pfx} file as Secure Access hands them out
 * @param clientTrust the client's certificate alone: the server accepts its holder
 */
public record TestCertificates(Path serverKeys, Path serverTrust, Path clientKeys, Path clientTrust) {

	public static final String PASSWORD = "store-pass-4f1c";

	/** Makes the four files in {@code dir}. */
	public static TestCertificates create(Path dir) throws Exception {
		Files.createDirectories(dir);
		Path serverKeys = keypair(dir.resolve("server.p12"), "server", "CN=localhost",
				"SAN=dns:localhost,ip:127.0.0.1");
		Path clientKeys = keypair(dir.resolve("client.pfx"), "client", "CN=migrator-test-client", null);
		return new TestCertificates(serverKeys, trustStore(serverKeys, "server", dir.resolve("server-trust.p12")),
				clientKeys, trustStore(clientKeys, "client", dir.resolve("client-trust.p12")));
	}

	/**
	 * The JVM options that make a child JVM trust the server (the standard
	 * {@code javax.net.ssl.trustStore} properties).
	 */
	public List<String> trustServerOptions() {
		return List.of("-Djavax.net.ssl.trustStore=" + serverTrust, "-Djavax.net.ssl.trustStoreType=PKCS12",
				"-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
	}

	private static Path keypair(Path file, String alias, String dname, String extension)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
				"-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", dname, "-storetype", "PKCS12",
				"-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) {
			command.addAll(List.of("-ext", extension));
		}
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (keytool.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		return file;
	}

	private static Path trustStore(Path keys, String alias, Path file) throws Exception {
		KeyStore source = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keys)) {
			source.load(in, PASSWORD.toCharArray());
		}
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry(alias, source.getCertificate(alias));
		try (OutputStream out = Files.newOutputStream(file)) {
			trust.store(out, PASSWORD.toCharArray());
		}
		return file;
	}

}
