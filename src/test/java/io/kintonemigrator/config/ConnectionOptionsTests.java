package io.kintonemigrator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.HttpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The job file's connection options as the loader reads them: {@code proxy} URLs in the
 * forms cli-kintone users write, Basic authentication and client certificates with their
 * secrets from variables or files, one problem line per mistake that never quotes a
 * secret. (End to end: {@link ConnectionOptionsFunctionalTests}.)
 */
class ConnectionOptionsTests {

	private static final String SECRET = "Zx9-never-shown";

	@TempDir
	Path dir;

	private final JobConfigLoader loader = new JobConfigLoader(
			Map.of("TOKEN", "token-1", "PROXY_PASSWORD", "pa:ss@" + SECRET, "PERCENT", "50%" + SECRET)::get);

	private static String job(String... sourceOptions) {
		StringBuilder options = new StringBuilder();
		for (String option : sourceOptions) {
			options.append("  ").append(option).append('\n');
		}
		return """
				name: options
				source:
				  baseUrl: https://example.cybozu.com
				  app: 1
				  apiToken: ${TOKEN}
				%starget: { baseUrl: "https://other.cybozu.com", app: 2, apiToken: "${TOKEN}" }
				match: { source: $id, target: $id }
				files: [ { from: a, to: b } ]
				""".formatted(options);
	}

	private KintoneConnection source(String... options) throws Exception {
		Path file = Files.writeString(dir.resolve("job.yml"), job(options));
		return loader.load(file).source();
	}

	private List<String> problems(String... options) throws Exception {
		Path file = Files.writeString(dir.resolve("job.yml"), job(options));
		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.load(file));
		assertThat(ex).as("a problem").isNotNull();
		return ex.problems();
	}

	@Test
	void withoutOptionsTheConnectionIsDirect() throws Exception {
		KintoneConnection source = source();

		assertThat(source.proxy()).isNull();
		assertThat(source.basicAuth()).isNull();
		assertThat(source.clientCertificate()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://proxy.example.com:8080           | proxy.example.com | 8080 |
			http://proxy.example.com                | proxy.example.com | 80   |
			HTTP://proxy.example.com:3128/          | proxy.example.com | 3128 |
			http://[::1]:3128                       | ::1               | 3128 |
			http://me@proxy.example.com:8080        | proxy.example.com | 8080 | me
			""")
	void aProxyUrlIsReadAsCliKintoneTakesIt(String url, String host, int port, String user) throws Exception {
		String options = "proxy: \"" + url + "\"";
		if (user != null) {
			Files.writeString(dir.resolve("proxy.password"), SECRET + "\n");
		}
		HttpProxy proxy = user == null ? source(options).proxy()
				: source(options, "proxyPasswordFile: proxy.password").proxy();

		assertThat(proxy.host()).isEqualTo(host);
		assertThat(proxy.port()).isEqualTo(port);
		assertThat(proxy.username()).isEqualTo(user);
		assertThat(proxy.password() == null ? null : proxy.password().reveal()).isEqualTo(user == null ? null : SECRET);
	}

	@Test
	void theProxyPasswordMayHoldColonsAndAtSignsAndPercentEscapes() throws Exception {
		HttpProxy proxy = source("proxy: http://me:${PROXY_PASSWORD}@proxy.example.com:8080").proxy();

		assertThat(proxy.username()).isEqualTo("me");
		assertThat(proxy.password().reveal()).isEqualTo("pa:ss@" + SECRET);
		assertThat(proxy.host()).isEqualTo("proxy.example.com");
		assertThat(proxy.toString()).doesNotContain(SECRET);
		assertThat(source("proxy: http://m%65:p%40ss%25@proxy.example.com:8080").proxy().password().reveal())
			.isEqualTo("p@ss%");
		assertThat(source("proxy: http://m%65:p%40ss%25@proxy.example.com:8080").proxy().username()).isEqualTo("me");
	}

	@Test
	void aWrongProxyIsOneLineThatNeverQuotesIt() throws Exception {
		assertThat(problems("proxy: proxy.example.com:8080")).singleElement()
			.isEqualTo("job.yml: source.proxy: not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT"
				.replace("job.yml", dir.resolve("job.yml").toString()));
		assertThat(problems("proxy: https://proxy.example.com:8443")).singleElement()
			.asString()
			.contains("source.proxy: an https:// proxy is not supported");
		assertThat(problems("proxy: http://proxy.example.com:8080/pac")).singleElement()
			.asString()
			.contains("source.proxy: a proxy URL is the host and port only");
		assertThat(problems("proxy: \"http://me:${PERCENT}@proxy.example.com:8080\"")).singleElement()
			.asString()
			.contains("holds a '%' that is not followed by two hex digits")
			.doesNotContain(SECRET);
		assertThat(problems("proxy: http://me@proxy.example.com:8080")).singleElement()
			.asString()
			.contains("source.proxy: the user has no password; write http://USER:PASSWORD@proxy.example.com:8080");
		assertThat(
				problems("proxy: http://me:" + SECRET + "@proxy.example.com:8080", "proxyPasswordFile: proxy.password"))
			.singleElement()
			.asString()
			.contains("proxyPasswordFile: the proxy URL must name the user and no password")
			.doesNotContain(SECRET);
	}

	@Test
	void basicAuthenticationTakesItsPasswordFromAVariableOrAFile() throws Exception {
		Files.writeString(dir.resolve("basic.password"), SECRET + "\n");

		KintoneConnection source = source("basicAuthUsername: gate", "basicAuthPasswordFile: basic.password");

		assertThat(source.basicAuth().username()).isEqualTo("gate");
		assertThat(source.basicAuth().password().reveal()).isEqualTo(SECRET);
		assertThat(source.toString()).contains("gate").doesNotContain(SECRET);
		assertThat(problems("basicAuthUsername: gate")).singleElement()
			.asString()
			.contains("source.basicAuthPassword: missing");
		assertThat(problems("basicAuthPassword: " + SECRET)).singleElement()
			.asString()
			.contains("source.basicAuthUsername: missing")
			.doesNotContain(SECRET);
		assertThat(problems("basicAuthUsername: gate", "basicAuthPassword: x", "basicAuthPasswordFile: basic.password"))
			.singleElement()
			.asString()
			.contains("give either basicAuthPassword or basicAuthPasswordFile, not both");
	}

	@Test
	void aClientCertificateIsOpenedWhileTheJobFileIsRead() throws Exception {
		Files.writeString(dir.resolve("not-a.pfx"), "not PKCS#12");

		assertThat(problems("pfxFilePath: missing.pfx", "pfxFilePassword: " + SECRET)).singleElement()
			.asString()
			.contains("source.pfxFilePath: client certificate '" + dir.resolve("missing.pfx") + "' does not exist")
			.doesNotContain(SECRET);
		assertThat(problems("pfxFilePath: not-a.pfx", "pfxFilePassword: " + SECRET)).singleElement()
			.asString()
			.contains("source.pfxFilePath: cannot open client certificate")
			.contains("the password is wrong or the file is not PKCS#12")
			.doesNotContain(SECRET);
		assertThat(problems("pfxFilePath: not-a.pfx")).singleElement()
			.asString()
			.contains("source.pfxFilePassword: missing");
	}

	@Test
	void aCommandThatDoesNotReachKintoneReadsNoSecretFileAndNoCertificate() throws Exception {
		Path file = Files.writeString(dir.resolve("job.yml"), job("proxy: http://me@proxy.example.com:8080",
				"proxyPasswordFile: absent.password", "pfxFilePath: absent.pfx", "pfxFilePassword: ${UNSET_VARIABLE}"));

		assertThatThrownBy(() -> loader.load(file)).isInstanceOf(JobConfigException.class);
		KintoneConnection source = loader.withoutCredentials().load(file).source();
		assertThat(source.proxy()).isNull();
		assertThat(source.clientCertificate()).isNull();
	}

}
