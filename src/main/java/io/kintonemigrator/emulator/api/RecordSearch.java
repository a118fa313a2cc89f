package io.kintonemigrator.emulator.api;

import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.store.StoredRecord;

/** Applies a parsed query's filter and order to a snapshot of an app's records. */
final class RecordSearch {

	private RecordSearch() {
	}

	static List<QueryableStoredRecord> matching(List<StoredRecord> records, AppDefinition app, ParsedQuery query) {
		return records.stream()
			.map((record) -> new QueryableStoredRecord(app, record))
			.filter(query::matches)
			.sorted(query.ordering())
			.toList();
	}

}
