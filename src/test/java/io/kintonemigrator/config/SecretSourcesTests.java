package io.kintonemigrator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.kintonemigrator.kintone.KintoneConnection.Credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Secrets from files ({@code apiTokenFile}, {@code passwordFile}) and the transport rules
 * for base URLs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretSourcesTests {

	@TempDir
	Path tmp;

	private final JobConfigLoader loader = new JobConfigLoader(Map.<String, String>of()::get);

	@Test
	void aTokenAndAPasswordAreReadFromFilesNextToTheJobFile() throws Exception {
		Files.createDirectory(tmp.resolve("secrets"));
		Files.writeString(tmp.resolve("secrets/source.token"), "tok-from-file\n");
		Files.writeString(tmp.resolve("secrets/target.password"), "pass word\r\n");
		Path job = Files.writeString(tmp.resolve("job.yml"), job(
				"{ baseUrl: https://a.cybozu.com, app: 1, apiTokenFile: secrets/source.token }",
				"{ baseUrl: https://b.cybozu.com, app: 2, username: admin, passwordFile: secrets/target.password }"));

		JobConfig config = loader.load(job);

		assertThat(((Credentials.ApiTokens) config.source().credentials()).tokens().get(0).reveal())
			.isEqualTo("tok-from-file");
		Credentials.Password password = (Credentials.Password) config.target().credentials();
		assertThat(password.username()).isEqualTo("admin");
		assertThat(password.password().reveal()).isEqualTo("pass word");
		assertThat(config.toString()).doesNotContain("tok-from-file", "pass word");
	}

	@Test
	void aSecretFileOthersCanReadIsUsedWithAWarning(CapturedOutput output) throws Exception {
		Path token = Files.writeString(tmp.resolve("open.token"), "tok-open");
		Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
		Path closed = Files.writeString(tmp.resolve("closed.token"), "tok-closed");
		Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
		Path job = Files.writeString(tmp.resolve("job.yml"),
				job("{ baseUrl: https://a.cybozu.com, app: 1, apiTokenFile: open.token }",
						"{ baseUrl: https://b.cybozu.com, app: 2, apiTokenFile: closed.token }"));

		loader.load(job);

		assertThat(output.getAll())
			.contains("source.apiTokenFile: '" + token + "' can be read by other users (rw-r--r--)")
			.contains("chmod 600")
			.doesNotContain("target.apiTokenFile")
			.doesNotContain("tok-open");
	}

	@Test
	void aTokenAndATokenFileTogetherAreOneProblemThatNeverShowsTheToken() throws Exception {
		Files.writeString(tmp.resolve("t"), "tok-in-file");
		Path job = Files.writeString(tmp.resolve("job.yml"),
				job("{ baseUrl: https://a.cybozu.com, app: 1, apiToken: tok-inline, apiTokenFile: t }",
						"{ baseUrl: https://b.cybozu.com, app: 2, apiTokenFile: t }"));

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.load(job));

		assertThat(ex.problems()).singleElement()
			.asString()
			.endsWith("source: give either apiToken or apiTokenFile, not both");
		assertThat(ex.getMessage()).doesNotContain("tok-in-file", "tok-inline");
	}

	@Test
	void anEmptyTokenFileIsAProblem() throws Exception {
		Files.writeString(tmp.resolve("t"), "\n");
		Path job = Files.writeString(tmp.resolve("job.yml"),
				job("{ baseUrl: https://a.cybozu.com, app: 1, apiTokenFile: t }",
						"{ baseUrl: https://b.cybozu.com, app: 2, apiTokenFile: t }"));

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.load(job));

		assertThat(ex.problems()).hasSize(2)
			.allSatisfy(problem -> assertThat(problem)
				.contains(".apiTokenFile: the file is empty; put the API token in it"));
	}

	@Test
	void plainHttpIsAcceptedForLocalhostWithoutAWarning(CapturedOutput output) {
		JobConfig config = loader.parse(job("{ baseUrl: \"http://localhost:8080\", app: 1, apiToken: t1 }",
				"{ baseUrl: \"http://127.0.0.1:9\", app: 2, apiToken: t2 }"), "job.yml");

		assertThat(config.source().baseUrl()).hasToString("http://localhost:8080");
		assertThat(output.getAll()).doesNotContain("INSECURE");
	}

	@Test
	void allowInsecureHttpToARealHostIsAcceptedWithALoudWarning(CapturedOutput output) {
		JobConfig config = loader
			.parse(job("{ baseUrl: \"http://intranet.example\", app: 1, apiToken: t1, allowInsecureHttp: true }",
					"{ baseUrl: https://b.cybozu.com, app: 2, apiToken: t2 }"), "job.yml");

		assertThat(config.source().allowInsecureHttp()).isTrue();
		assertThat(output.getAll()).contains("WARN")
			.contains("INSECURE: source.allowInsecureHttp is true")
			.contains("intranet.example")
			.doesNotContain("t1");
	}

	private static String job(String source, String target) {
		return """
				name: secrets
				source: %s
				target: %s
				match: { source: $id, target: $id }
				files: [ { from: a, to: b } ]
				""".formatted(source, target);
	}

}
