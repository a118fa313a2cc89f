package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.model.AppDefinition;

/** Parses the {@code query} parameter of the record APIs against an app's form. */
final class RecordQueries {

	private RecordQueries() {
	}

	/** Throws {@link ApiException} with kintone's code for a query kintone would reject. */
	static ParsedQuery parse(String query, AppDefinition app) {
		return TemporaryQueryFilter.parse(query, new AppQuerySchema(app));
	}

}
