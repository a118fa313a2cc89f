package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.RequestEstimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneException;

import org.jspecify.annotations.Nullable;

/**
 * Checks a job file against both apps' forms before anything is written: the apps answer
 * with the given credentials; every mapped field exists and is FILE (or FILE inside the
 * named SUBTABLE) on both sides; {@code rowKey} columns exist in both tables; the target
 * match field is {@code $id} or a unique text/number field; the source match field
 * exists; kintone accepts the {@code query}. Reports every problem, one line each, naming
 * the job file's key. Reads only (two requests per app: the form and one record of the
 * source, the app and the form of the target). A daily request budget too small for even
 * one chunk a day ({@link RequestEstimate#budgetProblem}) is reported alone, before any
 * request.
 */
public final class PreflightCheck {

	private static final String RECORD_ID = "$id";

	private static final Set<String> UPDATE_KEY_TYPES = Set.of("SINGLE_LINE_TEXT", "NUMBER");

	private final JobConfig config;

	public PreflightCheck(JobConfig config) {
		this.config = config;
	}

	public List<String> problems(KintoneClient source, KintoneClient target) {
		String budget = RequestEstimate.budgetProblem(config.limits().dailyRequestBudget(),
				config.limits().chunkSize());
		if (budget != null) {
			return List.of(budget); // before any request: a budget this small may not
									// even hold preflight's reads
		}
		List<String> problems = new ArrayList<>();
		FormFields sourceForm = form("source", source, problems);
		if (sourceForm != null) {
			checkQuery(source, problems);
		}
		FormFields targetForm = form("target", target, problems);
		if (sourceForm != null) {
			if (!config.match().sourceIsRecordId() && !sourceForm.properties().containsKey(config.match().source())) {
				problems.add("match.source: the source app has no top-level field '" + config.match().source()
						+ "'; use a field code of the source app or $id"
						+ FieldCodeSuggestion.hint(config.match().source(), sourceForm.properties().keySet()));
			}
		}
		if (targetForm != null && !config.match().targetIsRecordId()) {
			FieldProperty field = targetForm.properties().get(config.match().target());
			if (field == null) {
				problems.add("match.target: the target app has no top-level field '" + config.match().target()
						+ "'; use a unique text or number field of the target app, or $id"
						+ FieldCodeSuggestion.hint(config.match().target(), targetForm.properties().keySet()));
			}
			else if (!UPDATE_KEY_TYPES.contains(field.type()) || !field.unique()) {
				problems.add("match.target: '" + config.match().target() + "' is " + field.type()
						+ (field.unique() ? "" : " without 'prohibit duplicate values'")
						+ "; it must be a SINGLE_LINE_TEXT or NUMBER field with 'prohibit duplicate values' (重複禁止), or $id");
			}
		}
		List<FileMapping> files = config.files();
		for (int i = 0; i < files.size(); i++) {
			FileMapping mapping = files.get(i);
			if (sourceForm != null) {
				checkFileField("files[" + i + "].from", "source", sourceForm, mapping.from(), mapping.rowKey(),
						problems);
			}
			if (targetForm != null) {
				checkFileField("files[" + i + "].to", "target", targetForm, mapping.to(), mapping.targetRowKey(),
						problems);
			}
		}
		return problems;
	}

	private @Nullable FormFields form(String side, KintoneClient client, List<String> problems) {
		try {
			if ("target".equals(side)) {
				client.appInfo();
			}
			return client.formFields();
		}
		catch (KintoneException ex) {
			boolean guest = ("source".equals(side) ? config.source() : config.target()).guestSpaceId() != null;
			problems.add(side + ": cannot read app " + client.app() + " (" + ex.getMessage() + "); check " + side
					+ ".baseUrl, " + side + ".app, " + side + ".guestSpaceId ("
					+ (guest ? "the app must be in that guest space" : "needed for an app in a guest space")
					+ ") and the credentials (" + side + ".apiToken needs view permission)");
			return null;
		}
	}

	/**
	 * Reads one record the way the job will read them all, with the job's {@code query}:
	 * kintone refuses a query it cannot run (an unknown field, a typo) here, before
	 * anything is written, with its own message. This is the source's second preflight
	 * read (the target's is the app itself).
	 */
	private void checkQuery(KintoneClient source, List<String> problems) {
		try {
			source.recordsAfter(0, 1, List.of(RECORD_ID), config.query());
		}
		catch (KintoneApiException ex) {
			if (ex.status() != 400) {
				throw ex;
			}
			problems.add("query: kintone refused it (" + ex.getMessage() + "); fix the query in the job file"
					+ " (kintone's query syntax, source field codes)");
		}
	}

	private static void checkFileField(String key, String side, FormFields form, FieldPath path,
			@Nullable String rowKey, List<String> problems) {
		if (!path.inSubtable()) {
			FieldProperty field = form.properties().get(path.field());
			if (field == null) {
				problems.add(key + ": the " + side + " app has no top-level field '" + path.field() + "'"
						+ (form.find(path.field()).isPresent()
								? " (it is inside a table; write TABLE." + path.field() + ")"
								: FieldCodeSuggestion.hint(path.field(), form.properties().keySet())));
			}
			else if (!field.isFile()) {
				problems.add(key + ": '" + path + "' is " + field.type() + " in the " + side + " app, not FILE");
			}
			return;
		}
		FieldProperty table = form.properties().get(path.table());
		if (table == null || !table.isSubtable()) {
			problems.add(key + ": the " + side + " app has no table (SUBTABLE) '" + path.table() + "'"
					+ (table == null ? FieldCodeSuggestion.hint(path.table(), tableCodes(form))
							: " ('" + path.table() + "' is " + table.type() + ")"));
			return;
		}
		FieldProperty column = table.fields().get(path.field());
		if (column == null) {
			problems.add(key + ": the table '" + path.table() + "' of the " + side + " app has no field '"
					+ path.field() + "'" + FieldCodeSuggestion.hint(path.field(), table.fields().keySet()));
		}
		else if (!column.isFile()) {
			problems.add(key + ": '" + path + "' is " + column.type() + " in the " + side + " app, not FILE");
		}
		if (rowKey != null && !table.fields().containsKey(rowKey)) {
			problems.add(key.substring(0, key.lastIndexOf('.')) + ".rowKey: the table '" + path.table() + "' of the "
					+ side + " app has no field '" + rowKey + "'"
					+ FieldCodeSuggestion.hint(rowKey, table.fields().keySet()));
		}
	}

	private static List<String> tableCodes(FormFields form) {
		return form.properties().values().stream().filter(FieldProperty::isSubtable).map(FieldProperty::code).toList();
	}

}
