package io.kintonemigrator.emulator.query;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * System fields are ordinary field codes of the schema: ja environments call them レコード番号
 * 作成者 更新者 作成日時 更新日時, en environments Record_number Created_by Updated_by Created_datetime
 * Updated_datetime; {@code $id} exists in both.
 */
class SystemFieldTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					ja | 作成者 in (LOGINUSER()) and 作成日時 = TODAY() order by $id asc limit 100 offset 0 | 更新者 not in ("sato") and 更新日時 < "2024-04-01" and レコード番号 >= 2
					en | Created_by in (LOGINUSER()) and Created_datetime = TODAY() order by $id asc limit 100 offset 0 | Updated_by not in ("sato") and Updated_datetime < "2024-04-01" and Record_number >= 2
					""")
	void theSameQueriesWorkWithEitherEnvironmentsCodes(String environment, String mine, String modified) {
		MapSchema schema = environment.equals("ja") ? MapSchema.japanese() : MapSchema.english();
		String createdBy = environment.equals("ja") ? "作成者" : "Created_by";
		String createdAt = environment.equals("ja") ? "作成日時" : "Created_datetime";
		String updatedBy = environment.equals("ja") ? "更新者" : "Updated_by";
		String updatedAt = environment.equals("ja") ? "更新日時" : "Updated_datetime";
		String number = environment.equals("ja") ? "レコード番号" : "Record_number";
		List<MapRecord> records = List.of(
				MapRecord.id(1)
					.with(createdBy, "sato")
					.with(createdAt, "2024-03-31T16:00:00Z")
					.with(updatedBy, "suzuki")
					.with(updatedAt, "2024-03-30T00:00:00Z")
					.with(number, "1"),
				MapRecord.id(2)
					.with(createdBy, "sato")
					.with(createdAt, "2024-03-31T14:00:00Z")
					.with(updatedBy, "suzuki")
					.with(updatedAt, "2024-03-30T00:00:00Z")
					.with(number, "2"),
				MapRecord.id(3)
					.with(createdBy, "suzuki")
					.with(createdAt, "2024-03-31T16:00:00Z")
					.with(updatedBy, "sato")
					.with(updatedAt, "2024-03-30T00:00:00Z")
					.with(number, "3"),
				MapRecord.id(4)
					.with(createdBy, "sato")
					.with(createdAt, "2024-04-01T01:00:00Z")
					.with(updatedBy, "tanaka")
					.with(updatedAt, "2024-03-31T14:00:00Z")
					.with(number, "4"));

		assertThat(Queries.ids(RecordQuery.parse(mine, schema, Queries.context()), records)).containsExactly(1L, 4L);
		assertThat(Queries.ids(RecordQuery.parse(modified, schema, Queries.context()), records)).containsExactly(4L,
				2L);
	}

	@ParameterizedTest(name = "{0} in {1}")
	@CsvSource(textBlock = """
			Created_by in ("a"),     ja
			作成者 in ("a"),           en
			Record_number > 1,       ja
			レコード番号 > 1,             en
			""")
	void theOtherEnvironmentsCodesAreUnknownFields(String query, String environment) {
		MapSchema schema = environment.equals("ja") ? MapSchema.japanese() : MapSchema.english();
		failsWith("GAIA_IQ11", () -> RecordQuery.parse(query, schema, Queries.context()));
	}

}
