package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.seed.SeedFile;
import io.kintonemigrator.emulator.seed.SeedFileException;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The YAML seed file: everything it can describe arrives in a running emulator, and
 * mistakes are one line.
 */
class SeedFileTests {

	static final String FULL_SEED = """
			users:
			  - {login: alice, name: アリス, password: secret}
			apps:
			  - id: 7
			    name: 契約管理
			    fields:
			      - {code: legacy_id, type: SINGLE_LINE_TEXT, unique: true, required: true, label: 旧ID}
			      - {code: amount, type: NUMBER}
			      - {code: tags, type: CHECK_BOX, options: [a, b]}
			      - {code: attachments, type: FILE}
			      - code: items
			        type: SUBTABLE
			        fields:
			          - {code: item_no, type: SINGLE_LINE_TEXT}
			          - {code: drawing, type: FILE}
			    apiTokens:
			      - {token: full-token}
			      - {token: view-token, permissions: [view]}
			    records:
			      - legacy_id: A-1
			        amount: 12
			        tags: [b]
			        attachments:
			          - {name: 見積書.pdf, contentType: application/pdf, path: files/quote.pdf}
			          - {name: 図面.bin, size: 3000, seed: 5}
			        items:
			          - item_no: "1"
			            drawing:
			              - {name: 部品図.png, contentType: image/png, size: 10, seed: 1}
			      - {legacy_id: A-2}
			  - id: 8
			    name: guest
			    guestSpace: 3
			""";

	@TempDir
	Path directory;

	@Test
	void aFullSeedFileArrivesInTheEmulator() throws IOException {
		Files.createDirectories(this.directory.resolve("files"));
		Files.writeString(this.directory.resolve("files/quote.pdf"), "quote bytes");
		Path seedFile = Files.writeString(this.directory.resolve("seed.yml"), FULL_SEED);

		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(SeedFile.load(seedFile)).start()) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken("full-token");
			JsonNode record = http.get("/k/v1/record.json?app=7&id=1").json().path("record");
			assertThat(record.path("legacy_id").path("value").asString()).isEqualTo("A-1");
			assertThat(record.path("amount").path("value").asString()).isEqualTo("12");
			assertThat(record.path("tags").path("value").path(0).asString()).isEqualTo("b");
			JsonNode files = record.path("attachments").path("value");
			assertThat(files.path(0).path("name").asString()).isEqualTo("見積書.pdf");
			assertThat(files.path(0).path("contentType").asString()).isEqualTo("application/pdf");
			assertThat(http.get("/k/v1/file.json?fileKey=" + files.path(0).path("fileKey").asString()).text())
				.isEqualTo("quote bytes");
			assertThat(files.path(1).path("contentType").asString()).isEqualTo("application/octet-stream");
			assertThat(http.get("/k/v1/file.json?fileKey=" + files.path(1).path("fileKey").asString()).body())
				.isEqualTo(generated(3000, 5));
			JsonNode row = record.path("items").path("value").path(0).path("value");
			assertThat(row.path("item_no").path("value").asString()).isEqualTo("1");
			assertThat(row.path("drawing").path("value").path(0).path("size").asString()).isEqualTo("10");

			JsonNode form = http.get("/k/v1/app/form/fields.json?app=7").json().path("properties");
			assertThat(form.path("legacy_id").path("unique").asBoolean()).isTrue();
			assertThat(form.path("legacy_id").path("required").asBoolean()).isTrue();
			assertThat(form.path("legacy_id").path("label").asString()).isEqualTo("旧ID");
			assertThat(form.path("items").path("fields").path("drawing").path("type").asString()).isEqualTo("FILE");

			Reply viewOnlyAdd = new EmulatorHttp(emulator.baseUrl()).withToken("view-token")
				.json("POST", "/k/v1/record.json", "{\"app\":7,\"record\":{}}");
			assertThat(viewOnlyAdd.code()).isEqualTo("GAIA_NO01");
			assertThat(new EmulatorHttp(emulator.baseUrl()).withPassword("alice", "secret")
				.get("/k/v1/records.json?app=7")
				.json()
				.path("records")
				.size()).isEqualTo(2);
			assertThat(emulator.apps()).extracting((app) -> app.guestSpaceId()).containsExactly(null, 3L);
		}
	}

	@Test
	void systemFieldCodesEnglishGivesAnAppTheCodesOfAnEnglishLanguageDomain() throws IOException {
		Path seedFile = Files.writeString(this.directory.resolve("seed.yml"), """
				apps:
				  - id: 1
				    name: english
				    systemFieldCodes: english
				    fields: [{code: Text, type: SINGLE_LINE_TEXT}]
				    apiTokens: [{token: t1}]
				    records: [{Text: Alice}, {Text: Bob}]
				  - id: 2
				    name: japanese by default
				    fields: [{code: Text, type: SINGLE_LINE_TEXT}]
				    apiTokens: [{token: t2}]
				""");

		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(SeedFile.load(seedFile)).start()) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken("t1");
			JsonNode properties = http.get("/k/v1/app/form/fields.json?app=1").json().path("properties");
			assertThat(properties.propertyNames())
				.contains("Record_number", "Created_by", "Created_datetime", "Updated_by", "Updated_datetime")
				.doesNotContain("レコード番号", "作成者", "作成日時", "更新者", "更新日時");
			assertThat(properties.at("/Record_number/type").asString()).isEqualTo("RECORD_NUMBER");
			JsonNode records = http
				.get("/k/v1/records.json?app=1&query="
						+ URLEncoder.encode("Record_number > 1 order by Record_number desc", StandardCharsets.UTF_8))
				.json()
				.path("records");
			assertThat(records.size()).isEqualTo(1);
			assertThat(records.at("/0/Record_number/value").asString()).isEqualTo("2");
			assertThat(records.at("/0/Updated_datetime/type").asString()).isEqualTo("UPDATED_TIME");
			assertThat(new EmulatorHttp(emulator.baseUrl()).withToken("t2")
				.get("/k/v1/app/form/fields.json?app=2")
				.json()
				.path("properties")
				.propertyNames()).contains("レコード番号").doesNotContain("Record_number");
		}
		assertThat(problem("apps:\n  - {id: 1, name: x, systemFieldCodes: german}\n"))
			.isEqualTo("seed.yml: 'apps[0].systemFieldCodes' is 'german'; use japanese (レコード番号, 作成者 …) or english"
					+ " (Record_number, Created_by …)");
	}

	@Test
	void languageEnglishMakesAnEnglishLanguageDomainThatAnswersErrorsInEnglish() throws IOException {
		String app = "apps:\n  - {id: 1, name: a, apiTokens: [{token: t}]}\n";
		Path english = Files.writeString(this.directory.resolve("english.yml"), "language: english\n" + app);
		Path japanese = Files.writeString(this.directory.resolve("japanese.yml"), app);
		String englishMessage = "The specified API token does not match the API token generated via an app.";
		String japaneseMessage = "指定したAPIトークンが、アプリで生成されたAPIトークンと一致しません。";

		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(SeedFile.load(english)).start()) {
			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken("unknown");
			assertThat(http.get("/k/v1/app.json?id=1").json().get("message").asString()).isEqualTo(englishMessage);
			assertThat(http.get("/k/v1/app.json?id=1", "Accept-Language", "*").json().get("message").asString())
				.isEqualTo(englishMessage);
			assertThat(http.get("/k/v1/app.json?id=1", "Accept-Language", "ja").json().get("message").asString())
				.isEqualTo(japaneseMessage);
			assertThatThrownBy(() -> emulator.seed(SeedFile.parse("language: japanese\n", this.directory, "x.yml")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("language");
		}
		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(SeedFile.load(japanese)).start()) {
			assertThat(new EmulatorHttp(emulator.baseUrl()).withToken("unknown")
				.get("/k/v1/app.json?id=1")
				.json()
				.get("message")
				.asString()).isEqualTo(japaneseMessage);
		}
		assertThat(problem("language: german\napps: []\n"))
			.isEqualTo("seed.yml: 'language' is 'german'; use japanese or english");
	}

	@Test
	void anUnknownKeyIsOneLineNamingIt() {
		assertThat(problem("apps:\n  - id: 1\n    name: x\n    fields:\n      - {code: a, type: FILE, colour: red}\n"))
			.startsWith("seed.yml: unknown key 'apps[0].fields[0].colour'; the keys allowed there are: ")
			.contains("code")
			.doesNotContain("\n");
		assertThat(problem("apps:\n  - id: 1\n    name: x\n    records:\n      - {a: 1}\n"))
			.isEqualTo("seed.yml: 'apps[0].records[0].a': the app has no field 'a'; its fields are []");
		assertThat(problem("""
				apps:
				  - id: 1
				    name: x
				    fields: [{code: f, type: FILE}]
				    records:
				      - f: [{name: a.txt, sizes: 3}]
				""")).startsWith("seed.yml: unknown key 'apps[0].records[0].f[0].sizes'");
	}

	@Test
	void mistakesInValuesNameTheKeyAndTheFix() {
		assertThat(problem("apps:\n  - name: x\n")).isEqualTo("seed.yml: 'apps[0].id' is missing");
		assertThat(problem("apps:\n  - {id: 1, name: x, fields: [{code: f, type: TEXT}]}\n"))
			.startsWith("seed.yml: 'apps[0].fields[0].type' is 'TEXT'; use one of SINGLE_LINE_TEXT, NUMBER");
		assertThat(problem("apps:\n  - {id: 1, name: x, apiTokens: [{token: t, permissions: [read]}]}\n"))
			.isEqualTo("seed.yml: 'apps[0].apiTokens[0].permissions[0]' is 'read'; use view, add, edit or delete");
		assertThat(problem("""
				apps:
				  - id: 1
				    name: x
				    fields: [{code: f, type: FILE}]
				    records:
				      - f: [{name: a.txt, path: a.txt, size: 3}]
				""")).contains("'apps[0].records[0].f[0]' needs either 'path'");
		assertThat(problem("apps:\n  - id: one\n    name: x\n")).startsWith("seed.yml: 'apps[0].id': ");
		assertThat(problem("apps: [\n")).startsWith("seed.yml: ").doesNotContain("\n");
	}

	@Test
	void theDemoSeedMatchesTheDemoJob() {
		EmulatorSeed seed = SeedFile.load(Path.of("config/demo/seed.yml"));

		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(seed).start()) {
			List<StoredRecord> source = emulator.records(1);
			List<StoredRecord> target = emulator.records(2);
			assertThat(source).hasSize(60);
			assertThat(target).hasSize(59);
			assertThat(target).extracting((r) -> r.text("legacy_id"))
				.containsExactlyElementsOf(IntStream.rangeClosed(1, 59).mapToObj(Integer::toString).toList());
			assertThat(target.get(0).rows("lines")).extracting((row) -> row.text("item_no")).containsExactly("1", "2");
			assertThat(source).allSatisfy((r) -> {
				assertThat(r.files("attachments")).isNotEmpty();
				assertThat(r.rows("items")).extracting((row) -> row.text("item_no")).containsExactly("1", "2");
			});
			List<StoredFile> files = source.stream()
				.flatMap((r) -> Stream.concat(r.files("attachments").stream(),
						r.rows("items").stream().flatMap((row) -> row.files("drawing").stream())))
				.toList();
			assertThat(files).anySatisfy((f) -> assertThat(f.size()).isGreaterThanOrEqualTo(5L << 20));
			assertThat(files).allSatisfy((f) -> assertThat(f.name()).matches(".*[^\\x00-\\x7F].*"));
			assertThat(emulator.apps()).allSatisfy((app) -> assertThat(app.apiTokens()).hasSize(1));
		}
	}

	@Test
	void generatedDataIsTheSameEveryTime() {
		EmulatorSeed first = SeedFile.load(Path.of("config/demo/seed.yml"));
		EmulatorSeed second = SeedFile.load(Path.of("config/demo/seed.yml"));
		try (KintoneEmulator a = KintoneEmulator.builder().seed(first).start();
				KintoneEmulator b = KintoneEmulator.builder().seed(second).start()) {
			assertThat(describe(a)).isEqualTo(describe(b)).isNotEmpty();
		}
	}

	private static List<String> describe(KintoneEmulator emulator) {
		return emulator.records(1)
			.stream()
			.flatMap((r) -> r.files("attachments").stream())
			.map((f) -> f.name() + " " + f.size() + " " + f.sha256())
			.toList();
	}

	private String problem(String yaml) {
		try {
			SeedFile.parse(yaml, this.directory, "seed.yml");
		}
		catch (SeedFileException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("the seed was accepted:\n" + yaml);
	}

	private static byte[] generated(long size, long seed) throws IOException {
		try (InputStream in = FileContent.openGenerated(size, seed)) {
			return in.readAllBytes();
		}
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
