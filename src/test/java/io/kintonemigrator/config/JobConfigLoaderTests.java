package io.kintonemigrator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JobConfigLoaderTests {

	private static final String VALID = """
			name: contracts-to-archive
			source:
			  baseUrl: https://example.cybozu.com
			  app: 12
			  guestSpaceId: 3
			  apiToken: ${SOURCE_API_TOKEN}
			target:
			  baseUrl: https://example-archive.cybozu.com/
			  app: 34
			  apiToken: ${TARGET_API_TOKEN}
			match:
			  source: $id
			  target: legacy_id
			files:
			  - from: attachments
			    to: documents
			  - from: items.drawing
			    to: lines.drawing
			    rowKey: item_no
			query: 'status in ("Done")'
			onExisting: append
			limits:
			  concurrency: 8
			  requestsPerSecond: 10
			  dailyRequestBudget: 9000
			""";

	private final JobConfigLoader loader = new JobConfigLoader(
			Map.of("SOURCE_API_TOKEN", "s3cret-source", "TARGET_API_TOKEN", "s3cret-target")::get);

	@Test
	void bindsTheDocumentedFormatWithSecretsFromTheEnvironment() {
		JobConfig config = loader.parse(VALID, "job.yml");

		assertThat(config.name()).isEqualTo("contracts-to-archive");
		assertThat(config.source().app().value()).isEqualTo(12);
		assertThat(config.source().guestSpaceId()).isEqualTo(3L);
		assertThat(config.target().baseUrl()).hasToString("https://example-archive.cybozu.com");
		assertThat(((Credentials.ApiTokens) config.source().credentials()).tokens().get(0).reveal())
			.isEqualTo("s3cret-source");
		assertThat(config.match().sourceIsRecordId()).isTrue();
		assertThat(config.match().target()).isEqualTo("legacy_id");
		assertThat(config.files()).hasSize(2);
		assertThat(config.files().get(1).from()).isEqualTo(new FieldPath("items", "drawing"));
		assertThat(config.files().get(1).to()).isEqualTo(new FieldPath("lines", "drawing"));
		assertThat(config.files().get(1).rowKey()).isEqualTo("item_no");
		assertThat(config.query()).isEqualTo("status in (\"Done\")");
		assertThat(config.onExisting()).isEqualTo(OnExisting.APPEND);
		assertThat(config.limits().concurrency()).isEqualTo(8);
		assertThat(config.limits().dailyRequestBudget()).isEqualTo(9000);
		assertThat(config.limits().chunkSize()).isEqualTo(100);
		assertThat(config.toString()).doesNotContain("s3cret");
	}

	@Test
	void theDomainHeadroomDefaultsToAFifthOfTheDomainAndMustLeaveItUsable() {
		assertThat(loader.parse(VALID, "job.yml").limits().domainHeadroom()).isEqualTo(20);
		assertThat(loader.parse(VALID.replace("  concurrency: 8", "  concurrency: 8\n  domainHeadroom: 0"), "job.yml")
			.limits()
			.domainHeadroom()).isZero();

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader
			.parse(VALID.replace("  concurrency: 8", "  concurrency: 8\n  domainHeadroom: 100"), "job.yml"));

		assertThat(ex.problems()).containsExactly("job.yml: limits.domainHeadroom: must be 0..99 (concurrent requests "
				+ "of the domain's 100 left free for its other users), was 100");
	}

	@Test
	void aMissingEnvironmentVariableIsNamedWithItsKey() {
		JobConfigLoader withoutTarget = new JobConfigLoader(Map.of("SOURCE_API_TOKEN", "x")::get);

		JobConfigException ex = catchThrowableOfType(JobConfigException.class,
				() -> withoutTarget.parse(VALID, "job.yml"));

		assertThat(ex.problems()).containsExactly(
				"job.yml: target.apiToken: environment variable TARGET_API_TOKEN is not set; export it before running");
	}

	@Test
	void anUnknownKeyIsReportedWithItsPath() {
		String yaml = VALID.replace("  app: 34", "  app: 34\n  apitoken: oops");

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.parse(yaml, "job.yml"));

		assertThat(ex.problems()).hasSize(1);
		assertThat(ex.problems().get(0)).startsWith("job.yml: target.apitoken: unknown key; allowed here: ")
			.contains("apiToken");
	}

	@Test
	void everyProblemIsReportedOnItsOwnLineNamingTheKey() {
		String yaml = """
				source:
				  baseUrl: ftp://example.cybozu.com
				  app: 0
				  apiToken: a
				target:
				  baseUrl: https://example.cybozu.com
				  app: 2
				match:
				  source: $id
				files:
				  - from: items.drawing
				    to: documents
				  - from: attachments
				    to: docs
				    rowKey: no
				onExisting: merge
				limits:
				  chunkSize: 500
				""";

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.parse(yaml, "j.yml"));

		assertThat(ex.problems()).extracting(p -> p.substring(0, p.indexOf(':', 7)))
			.containsExactlyInAnyOrder("j.yml: name", "j.yml: source.baseUrl", "j.yml: source.app",
					"j.yml: target.apiToken", "j.yml: match.target", "j.yml: files[0]", "j.yml: files[1].rowKey",
					"j.yml: onExisting", "j.yml: limits.chunkSize");
	}

	@Test
	void secretsInWronglyTypedValuesDoNotLeakIntoProblems() {
		String yaml = VALID.replace("  app: 12", "  app: ${SOURCE_API_TOKEN}");

		JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.parse(yaml, "job.yml"));

		assertThat(ex.problems()).singleElement().asString().startsWith("job.yml: source.app: wrong type");
		assertThat(ex.getMessage()).doesNotContain("s3cret");
	}

	@Test
	void theFingerprintFollowsWhatTheMigrationDoesButNotLimitsOrTokens() {
		JobConfig config = loader.parse(VALID, "a");
		JobConfig otherLimits = loader.parse(VALID.replace("concurrency: 8", "concurrency: 2"), "a");
		JobConfig otherTokens = new JobConfigLoader(Map.of("SOURCE_API_TOKEN", "x", "TARGET_API_TOKEN", "y")::get)
			.parse(VALID, "a");
		JobConfig otherMode = loader.parse(VALID.replace("onExisting: append", "onExisting: replace"), "a");

		assertThat(otherLimits.fingerprint()).isEqualTo(config.fingerprint());
		assertThat(otherTokens.fingerprint()).isEqualTo(config.fingerprint());
		assertThat(otherMode.fingerprint()).isNotEqualTo(config.fingerprint());
	}

	@Test
	void aMissingFileIsOneClearLine(@TempDir Path dir) {
		assertThatExceptionOfType(JobConfigException.class).isThrownBy(() -> loader.load(dir.resolve("nope.yml")))
			.satisfies(ex -> assertThat(ex.problems()).singleElement()
				.asString()
				.endsWith("nope.yml: job file not found; check the path given to --job"));
	}

	@Test
	void loadsFromAFile(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("job.yml"), VALID);

		assertThat(loader.load(file).name()).isEqualTo("contracts-to-archive");
	}

	@Test
	void rowKeyNamesOneCodeForBothTablesOrOnePerTable() {
		JobConfig plain = loader.parse(VALID, "job.yml");
		JobConfig split = loader.parse(VALID.replace("rowKey: item_no", "rowKey: {from: item_no, to: line_no}"),
				"job.yml");

		assertThat(plain.files().get(1).rowKey()).isEqualTo("item_no");
		assertThat(plain.files().get(1).targetRowKey()).isEqualTo("item_no");
		assertThat(split.files().get(1).rowKey()).isEqualTo("item_no");
		assertThat(split.files().get(1).targetRowKey()).isEqualTo("line_no");
		assertThat(split.fingerprint()).isNotEqualTo(plain.fingerprint());
		// the fingerprint is made of this text: jobs written before keep theirs
		assertThat(plain.files().get(1))
			.hasToString("FileMapping[from=items.drawing, to=lines.drawing, rowKey=item_no]");
		assertThat(plain.files().get(0)).hasToString("FileMapping[from=attachments, to=documents, rowKey=null]");
	}

	@Test
	void aRowKeyWithoutBothCodesOrWithOtherKeysIsOneProblem() {
		for (String rowKey : List.of("{from: item_no}", "{to: line_no}", "{from: item_no, to: line_no, by: x}",
				"[item_no]", "{from: '', to: line_no}")) {
			String yaml = VALID.replace("rowKey: item_no", "rowKey: " + rowKey);

			JobConfigException ex = catchThrowableOfType(JobConfigException.class, () -> loader.parse(yaml, "job.yml"));

			assertThat(ex).as(rowKey).isNotNull();
			assertThat(ex.problems()).as(rowKey)
				.containsExactly("job.yml: files[1].rowKey: give the key column's code (rowKey: item_no, the same code"
						+ " in both tables) or both codes (rowKey: {from: item_no, to: line_no})");
		}
	}

}
