package io.kintonemigrator.inspect;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FormFields;

/**
 * Prints what a job file needs from one app's form, by field code (sorted): its FILE
 * fields (for {@code files[].from}/{@code to}), its tables (SUBTABLE) with the FILE
 * fields inside them as {@code TABLE.FIELD} and the columns that can pair rows
 * ({@code rowKey}), and, for a target, the fields that can match records
 * ({@code match.target}: unique text or number, or {@code $id}).
 */
final class FormListing {

	/** Column types whose value can pair subtable rows. */
	private static final Set<String> ROW_KEY_TYPES = Set.of("SINGLE_LINE_TEXT", "NUMBER");

	/** Field types {@code match.target} accepts (with "prohibit duplicate values"). */
	private static final Set<String> MATCH_TYPES = Set.of("SINGLE_LINE_TEXT", "NUMBER");

	private FormListing() {
	}

	/**
	 * @param title e.g. {@code Source app 1 on example.cybozu.com}
	 * @param target whether to list the {@code match.target} candidates
	 */
	static void print(String title, FormFields form, boolean target, PrintWriter out) {
		out.println(title + " (form revision " + form.revision() + "):");
		List<FieldProperty> fields = sorted(form.properties().values());
		List<FieldProperty> files = fields.stream().filter(FieldProperty::isFile).toList();
		List<FieldProperty> tables = fields.stream().filter(FieldProperty::isSubtable).toList();
		if (files.isEmpty() && tables.stream().allMatch(table -> fileColumns(table).isEmpty())) {
			out.println("  no FILE field, at top level or in a table");
		}
		for (FieldProperty file : files) {
			out.println("  FILE      " + file.code() + label(file));
		}
		for (FieldProperty table : tables) {
			out.println("  SUBTABLE  " + table.code() + label(table));
			for (FieldProperty column : fileColumns(table)) {
				out.println("    FILE    " + table.code() + "." + column.code() + label(column));
			}
			List<String> keys = sorted(table.fields().values()).stream()
				.filter(column -> ROW_KEY_TYPES.contains(column.type()))
				.map(column -> column.code() + " (" + column.type() + ")")
				.toList();
			out.println("    rowKey candidates: " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
		}
		if (target) {
			List<String> keys = fields.stream()
				.filter(field -> MATCH_TYPES.contains(field.type()) && field.unique())
				.map(field -> field.code() + " (" + field.type() + ", unique)")
				.toList();
			out.println("  match.target candidates: $id" + (keys.isEmpty() ? "" : ", " + String.join(", ", keys)));
		}
	}

	private static List<FieldProperty> fileColumns(FieldProperty table) {
		return sorted(table.fields().values()).stream().filter(FieldProperty::isFile).toList();
	}

	private static List<FieldProperty> sorted(Collection<FieldProperty> fields) {
		return fields.stream().sorted(Comparator.comparing(FieldProperty::code)).toList();
	}

	private static String label(FieldProperty field) {
		return field.label().isBlank() || field.label().equals(field.code()) ? "" : "  \"" + field.label() + "\"";
	}

}
