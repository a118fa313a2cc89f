package io.kintonemigrator.emulator;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.seed.DataSetGenerator;
import io.kintonemigrator.emulator.seed.DataSetSpec;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Large deterministic data sets for tests and benchmarks. */
class DataSetGeneratorTests {

	DataSetSpec spec = DataSetSpec.builder()
		.records(30)
		.filesPerRecord(2)
		.rows("ignored", 3, null)
		.sizes(List.of(100L, 2000L))
		.seed(11)
		.build();

	@Test
	void sourceAndTargetHoldNRecordsWithMFilesEach() {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.seed(DataSetGenerator.sourceAndTarget(this.spec))
			.start()) {
			List<StoredRecord> source = emulator.records(1);
			assertThat(source).hasSize(30);
			assertThat(source).allSatisfy((record) -> {
				assertThat(record.files("attachments")).hasSize(2);
				assertThat(record.rows("items")).hasSize(3)
					.allSatisfy((row) -> assertThat(row.files("drawing")).hasSize(2));
			});
			assertThat(source.get(4).text("doc_no")).isEqualTo("DOC-000005");
			assertThat(allFiles(source)).hasSize(30 * (2 + 3 * 2))
				.extracting(StoredFile::size)
				.containsOnly(100L, 2000L)
				.contains(100L, 2000L);
			assertThat(emulator.records(2)).extracting((r) -> r.text("legacy_id")).hasSize(30).contains("1", "30");

			EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken(DataSetGenerator.SOURCE_TOKEN);
			JsonNode records = http.get("/k/v1/records.json?app=1&limit=500").json().path("records");
			assertThat(records.size()).isEqualTo(30);
			assertThat(new EmulatorHttp(emulator.baseUrl()).withToken(DataSetGenerator.TARGET_TOKEN)
				.get("/k/v1/records.json?app=2")
				.status()).isEqualTo(200);
		}
	}

	@Test
	void theSameSpecGivesTheSameNamesSizesAndBytes() {
		try (KintoneEmulator a = KintoneEmulator.builder().seed(DataSetGenerator.sourceAndTarget(this.spec)).start();
				KintoneEmulator b = KintoneEmulator.builder()
					.seed(DataSetGenerator.sourceAndTarget(this.spec))
					.start()) {
			assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
			DataSetSpec otherSeed = DataSetSpec.builder()
				.records(30)
				.filesPerRecord(2)
				.sizes(List.of(100L, 2000L))
				.seed(12)
				.build();
			try (KintoneEmulator c = KintoneEmulator.builder()
				.seed(DataSetGenerator.sourceAndTarget(otherSeed))
				.start()) {
				assertThat(fingerprint(c)).isNotEqualTo(fingerprint(a));
			}
		}
	}

	@Test
	void fillNumbersKeysAndSkipsSome() {
		AppSeed.Builder app = AppSeed.builder(5, "x")
			.field(FieldSpec.singleLineText("key"))
			.field(FieldSpec.file("files"));
		int added = DataSetGenerator.fill(app,
				DataSetSpec.builder()
					.records(5)
					.firstKey(10)
					.skipKeys(Set.of(12))
					.key("key", "K%03d")
					.fileFields("files")
					.sizeRange(10, 20)
					.japaneseNames(false)
					.build());

		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.seed(EmulatorSeed.builder().app(app.build()).build())
			.start()) {
			assertThat(added).isEqualTo(4);
			assertThat(emulator.records(5)).extracting((r) -> r.text("key"))
				.containsExactly("K010", "K011", "K013", "K014");
			assertThat(allFiles(emulator.records(5))).allSatisfy((f) -> {
				assertThat(f.size()).isBetween(10L, 20L);
				assertThat(f.name()).matches("file-1\\d-1\\.bin");
			});
		}
	}

	@Test
	void impossibleSpecsAreRejected() {
		assertThatThrownBy(() -> DataSetSpec.builder().sizeRange(10, 5).build()).hasMessageContaining("minSize");
		assertThatThrownBy(() -> DataSetSpec.builder().records(-1).build()).hasMessageContaining("records");
	}

	private static List<String> fingerprint(KintoneEmulator emulator) {
		return allFiles(emulator.records(1)).stream().map((f) -> f.name() + " " + f.sha256()).toList();
	}

	private static List<StoredFile> allFiles(List<StoredRecord> records) {
		return records.stream()
			.flatMap((r) -> Stream.of(r.files("attachments"), r.files("files"),
					r.rows("items").stream().flatMap((row) -> row.files("drawing").stream()).toList()))
			.flatMap(List::stream)
			.toList();
	}

}
