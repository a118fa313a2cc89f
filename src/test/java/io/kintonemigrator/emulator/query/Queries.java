package io.kintonemigrator.emulator.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shared helpers: a fixed Tokyo clock, and running a query over records the way the
 * emulator's store will.
 */
final class Queries {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	/** Monday 2024-04-01 00:30 in Tokyo, still Sunday 2024-03-31 in UTC. */
	static final Instant NOW = Instant.parse("2024-03-31T15:30:00Z");

	private Queries() {
	}

	static QueryContext context(Instant now, @Nullable String user) {
		return new QueryContext(Clock.fixed(now, TOKYO), TOKYO, user);
	}

	static QueryContext context() {
		return context(NOW, "sato");
	}

	static RecordQuery parse(String query) {
		return RecordQuery.parse(query, MapSchema.japanese(), context());
	}

	/**
	 * The ids of the records {@code query} selects, in its order, after its offset and
	 * limit.
	 */
	static List<Long> ids(RecordQuery query, List<MapRecord> records) {
		return records.stream()
			.filter(query::matches)
			.sorted(query.ordering())
			.skip(query.offset().orElse(0))
			.limit(query.limit().orElse(100))
			.map(MapRecord::id)
			.toList();
	}

	static List<Long> ids(String query, List<MapRecord> records) {
		return ids(parse(query), records);
	}

	/**
	 * Asserts that {@code call} fails with kintone's {@code code}, and returns the
	 * exception for more checks.
	 */
	static QueryException failsWith(String code, ThrowingCallable call) {
		QueryException[] caught = new QueryException[1];
		assertThatExceptionOfType(QueryException.class).isThrownBy(call)
			.satisfies((ex) -> caught[0] = ex)
			.extracting(QueryException::code)
			.isEqualTo(code);
		return caught[0];
	}

}
