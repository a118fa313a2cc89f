package io.kintonemigrator.emulator.query;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.emulator.query.Queries.failsWith;
import static io.kintonemigrator.emulator.query.Queries.ids;
import static io.kintonemigrator.emulator.query.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code limit} and {@code offset}: values, bounds and the errors kintone gives beyond
 * them.
 */
class PagingTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			limit 0                 | 0   |
			limit 500               | 500 |
			offset 0                |     | 0
			offset 10000            |     | 10000
			limit 20 offset 40      | 20  | 40
			offset 40 limit 20      | 20  | 40
			$id > 0 order by $id asc limit 1 offset 2 | 1 | 2
			""")
	void readsLimitAndOffset(String query, Integer limit, Integer offset) {
		RecordQuery parsed = parse(query);
		assertThat(parsed.limit().isPresent() ? parsed.limit().getAsInt() : null).isEqualTo(limit);
		assertThat(parsed.offset().isPresent() ? parsed.offset().getAsInt() : null).isEqualTo(offset);
	}

	@Test
	void pagesThroughRecordsInOrder() {
		List<MapRecord> records = LongStream.rangeClosed(1, 10).mapToObj(MapRecord::id).toList();
		assertThat(ids("order by $id asc limit 3 offset 4", records)).containsExactly(5L, 6L, 7L);
		assertThat(ids("limit 2", records)).containsExactly(10L, 9L);
		assertThat(ids("$id > 8 order by $id asc limit 5 offset 1", records)).containsExactly(10L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit 501", "limit 99999999999999999999" })
	void limitAbove500IsQu01(String query) {
		QueryException ex = failsWith("GAIA_QU01", () -> parse(query));
		assertThat(ex.messageJa()).isEqualTo("limit には 500 以下の値を指定してください。");
		assertThat(ex.status()).isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "offset 10001", "limit 1 offset 123456789012345678901234" })
	void offsetAbove10000IsQu02(String query) {
		QueryException ex = failsWith("GAIA_QU02", () -> parse(query));
		assertThat(ex.messageJa()).isEqualTo("offset には 10,000 以下の値を指定してください。");
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit -1", "offset -5", "limit 10 offset -1" })
	void negativeValuesAreCbVa01(String query) {
		QueryException ex = failsWith("CB_VA01", () -> parse(query));
		assertThat(ex.errors()).containsKey("query");
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit abc", "limit 1.5", "limit \"10\"", "offset ten", "offset 2.0" })
	void nonIntegerValuesAreIq10(String query) {
		failsWith("GAIA_IQ10", () -> parse(query));
	}

}
