package io.kintonemigrator.emulator.query;

import java.util.List;

/**
 * A record as the query evaluator sees it. Values are in kintone's wire format: NUMBER
 * and {@code $id} as decimal strings, DATE {@code 2024-01-31}, TIME {@code 13:05},
 * DATETIME and CREATED_TIME/UPDATED_TIME {@code 2024-01-31T04:05:00Z}, CREATOR/MODIFIER
 * the user code, FILE the file names, CHECK_BOX/MULTI_SELECT the selected options.
 */
public interface QueryableRecord {

	/**
	 * The values of a field: one element for a single-valued top-level field (an empty
	 * string when it is empty), one per option/file for list fields, and, for a field
	 * inside a SUBTABLE, the values of every row (so a condition holds if some row
	 * matches).
	 */
	List<String> values(String fieldCode);

}
