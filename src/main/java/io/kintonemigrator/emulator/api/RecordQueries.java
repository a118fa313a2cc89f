package io.kintonemigrator.emulator.api;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.query.QueryContext;
import io.kintonemigrator.emulator.query.QueryException;
import io.kintonemigrator.emulator.query.RecordQuery;
import io.kintonemigrator.emulator.store.StoredRecord;

import org.jspecify.annotations.Nullable;

/**
 * Runs the {@code query} parameter of the record APIs through the query language
 * ({@link RecordQuery}), against an app's form, with the caller as {@code LOGINUSER()}
 * and days in JST.
 */
final class RecordQueries {

	static final ZoneId KINTONE_ZONE = ZoneId.of("Asia/Tokyo");

	private RecordQueries() {
	}

	/**
	 * Throws {@link ApiException} with kintone's code for a query kintone would reject.
	 */
	static RecordQuery parse(ApiCall call, AppDefinition app, @Nullable String query) {
		String login = call.principal().isUser() ? call.principal().actor().code() : null;
		try {
			return RecordQuery.parse(query, new AppQuerySchema(app),
					new QueryContext(call.store().clock(), KINTONE_ZONE, login));
		}
		catch (QueryException ex) {
			throw toApiException(ex);
		}
	}

	/**
	 * The app's records the query selects, in the query's order (offset and limit not
	 * applied).
	 */
	static List<QueryableStoredRecord> matching(List<StoredRecord> records, AppDefinition app, RecordQuery query) {
		return records.stream()
			.map((record) -> new QueryableStoredRecord(app, record))
			.filter(query::matches)
			.sorted(query.ordering())
			.toList();
	}

	static ApiException toApiException(QueryException ex) {
		ErrorSpec spec = new ErrorSpec(ex.code(), ex.status(), new LocalizedText(ex.messageJa(), ex.messageEn()),
				KintoneErrors.ILLEGAL_REQUEST.code().equals(ex.code()));
		if (ex.errors().isEmpty()) {
			return new ApiException(spec);
		}
		ValidationErrors errors = new ValidationErrors();
		for (Map.Entry<String, List<String>> entry : ex.errors().entrySet()) {
			List<String> english = ex.errorsEn().getOrDefault(entry.getKey(), entry.getValue());
			for (int i = 0; i < entry.getValue().size(); i++) {
				String ja = entry.getValue().get(i);
				errors.add(entry.getKey(), new LocalizedText(ja, (i < english.size()) ? english.get(i) : ja));
			}
		}
		return new ApiException(spec, errors);
	}

}
