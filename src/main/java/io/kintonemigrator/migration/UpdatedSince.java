package io.kintonemigrator.migration;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FormFields;

import org.jspecify.annotations.Nullable;

/**
 * The source query of an incremental run: the job's own {@code query} ANDed with
 * {@code <UPDATED_TIME field> >= "since"}. The field's code is read from the form by its
 * type (UPDATED_TIME), because it differs by the domain's language (更新日時 in Japanese,
 * "Updated datetime" in English) and administrators may rename it. kintone compares
 * date-times at minute precision, so {@code since} is truncated to the minute (never
 * later than asked). Pure.
 */
final class UpdatedSince {

	private UpdatedSince() {
	}

	static String query(@Nullable String jobQuery, FormFields form, Instant since) {
		List<String> codes = form.properties()
			.values()
			.stream()
			.filter(field -> "UPDATED_TIME".equals(field.type()))
			.map(FieldProperty::code)
			.toList();
		if (codes.size() != 1) {
			throw new IllegalStateException("the source app's form has " + codes.size()
					+ " fields of type UPDATED_TIME; an incremental run needs exactly one");
		}
		String condition = codes.get(0) + " >= \""
				+ DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.MINUTES)) + "\"";
		return jobQuery == null || jobQuery.isBlank() ? condition : "(" + jobQuery.strip() + ") and " + condition;
	}

}
