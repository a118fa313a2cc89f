package io.kintonemigrator.config;

import java.nio.file.Path;
import java.util.List;

import io.kintonemigrator.kintone.KintoneConnection.BasicAuth;
import io.kintonemigrator.kintone.KintoneConnection.ClientCertificate;
import io.kintonemigrator.kintone.KintoneConnection.HttpProxy;
import io.kintonemigrator.kintone.Secret;

import org.jspecify.annotations.Nullable;

/**
 * The connection options of one endpoint, named as cli-kintone names them: {@code proxy}
 * ({@link ProxyUrl}; its password in the URL or in {@code proxyPasswordFile}),
 * {@code basicAuthUsername} with {@code basicAuthPassword} or
 * {@code basicAuthPasswordFile}, {@code pfxFilePath} with {@code pfxFilePassword} or
 * {@code pfxFilePasswordFile}. The certificate is opened here, so a wrong path or
 * password is reported before anything reaches kintone. Adds one line per problem to the
 * list it was given, never quoting a secret.
 */
final class ConnectionOptionsValidator {

	private final List<String> problems;

	private final SecretFiles secretFiles;

	ConnectionOptionsValidator(List<String> problems, SecretFiles secretFiles) {
		this.problems = problems;
		this.secretFiles = secretFiles;
	}

	/** The options; the three are null when the job file does not give them. */
	record ConnectionOptions(@Nullable HttpProxy proxy, @Nullable BasicAuth basicAuth,
			@Nullable ClientCertificate clientCertificate) {

		static ConnectionOptions none() {
			return new ConnectionOptions(null, null, null);
		}

	}

	ConnectionOptions options(String key, RawJobFile.Endpoint raw) {
		return new ConnectionOptions(proxy(key, raw), basicAuth(key, raw), clientCertificate(key, raw));
	}

	private @Nullable HttpProxy proxy(String key, RawJobFile.Endpoint raw) {
		if (raw.proxy() == null || raw.proxy().isBlank()) {
			if (raw.proxyPasswordFile() != null) {
				problems.add(key + ".proxyPasswordFile: given without proxy; write proxy: http://USER@HOST:PORT");
			}
			return null;
		}
		ProxyUrl.Parsed parsed = ProxyUrl.parse(raw.proxy());
		ProxyUrl proxy = parsed.proxy();
		if (proxy == null) {
			problems.add(key + ".proxy: " + parsed.problem());
			return null;
		}
		String password = proxy.password();
		if (raw.proxyPasswordFile() != null) {
			if (proxy.username() == null || password != null) {
				problems.add(key + ".proxyPasswordFile: the proxy URL must name the user and no password:"
						+ " http://USER@" + proxy.address());
				return null;
			}
			password = secretFiles.read(key + ".proxyPasswordFile", raw.proxyPasswordFile(), problems);
			if (password == null) {
				return null;
			}
		}
		if (proxy.username() == null) {
			return new HttpProxy(proxy.host(), proxy.port());
		}
		if (password == null || password.isEmpty()) {
			problems.add(key + ".proxy: the user has no password; write http://USER:PASSWORD@" + proxy.address()
					+ " or give proxyPasswordFile");
			return null;
		}
		return new HttpProxy(proxy.host(), proxy.port(), proxy.username(), new Secret(password));
	}

	private @Nullable BasicAuth basicAuth(String key, RawJobFile.Endpoint raw) {
		if (givenTwice(key, "basicAuthPassword", raw.basicAuthPassword(), raw.basicAuthPasswordFile())) {
			return null;
		}
		String password = secret(key, "basicAuthPassword", raw.basicAuthPassword(), raw.basicAuthPasswordFile());
		String username = raw.basicAuthUsername();
		if (username == null && password == null) {
			return null;
		}
		if (username == null || username.isBlank()) {
			problems.add(key + ".basicAuthUsername: missing (Basic authentication needs basicAuthUsername and "
					+ "basicAuthPassword)");
			return null;
		}
		if (username.contains(":")) {
			problems.add(key + ".basicAuthUsername: contains ':', which Basic authentication cannot send");
			return null;
		}
		if (password == null || password.isEmpty()) {
			problems.add(key + ".basicAuthPassword: missing (Basic authentication needs basicAuthUsername and "
					+ "basicAuthPassword or basicAuthPasswordFile)");
			return null;
		}
		return new BasicAuth(username, new Secret(password));
	}

	private @Nullable ClientCertificate clientCertificate(String key, RawJobFile.Endpoint raw) {
		if (givenTwice(key, "pfxFilePassword", raw.pfxFilePassword(), raw.pfxFilePasswordFile())) {
			return null;
		}
		String password = secret(key, "pfxFilePassword", raw.pfxFilePassword(), raw.pfxFilePasswordFile());
		String path = raw.pfxFilePath();
		if (path == null && password == null) {
			return null;
		}
		if (path == null || path.isBlank()) {
			problems.add(key + ".pfxFilePath: missing; give the path of the client certificate (.pfx/.p12)");
			return null;
		}
		if (password == null) {
			problems.add(key + ".pfxFilePassword: missing; give the certificate's password (pfxFilePassword: "
					+ "${VARIABLE} or pfxFilePasswordFile: PATH)");
			return null;
		}
		Path file = secretFiles.resolve(path);
		ClientCertificate certificate = new ClientCertificate(file, new Secret(password));
		try {
			certificate.open();
		}
		catch (IllegalArgumentException ex) {
			problems.add(key + ".pfxFilePath: " + ex.getMessage());
			return null;
		}
		return certificate;
	}

	/** Whether both {@code name} and {@code nameFile} are given (a problem added). */
	private boolean givenTwice(String key, String name, @Nullable String value, @Nullable String file) {
		if (value != null && file != null) {
			problems.add(key + ": give either " + name + " or " + name + "File, not both");
			return true;
		}
		return false;
	}

	/**
	 * The secret given as {@code name} or read from {@code nameFile}; null when neither
	 * (or after adding a problem).
	 */
	private @Nullable String secret(String key, String name, @Nullable String value, @Nullable String file) {
		return file != null ? secretFiles.read(key + "." + name + "File", file, problems) : value;
	}

}
