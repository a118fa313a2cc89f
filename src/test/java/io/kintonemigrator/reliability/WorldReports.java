package io.kintonemigrator.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Checks that the reports of a run ({@code attachments.csv} and {@code summary.json},
 * found through the "Reports: ..." line of its output) agree with the target and the
 * source:
 * <ul>
 * <li>every row reported ATTACHED is on the target: its name and SHA-256 in the target
 * cell it names (for a table column: the row paired with its source row, or any row when
 * that source row is gone);</li>
 * <li>every file of a current source cell the job maps is reported ATTACHED, except in
 * {@code skip} mode for a cell that holds user files, where it may be reported
 * SKIPPED;</li>
 * <li>nothing else is reported SKIPPED, nothing IN_PROGRESS after a completed run;</li>
 * <li>{@code summary.json} says COMPLETED and its ledger totals equal the rows of the
 * CSV.</li>
 * </ul>
 */
final class WorldReports {

	private static final Pattern REPORTS = Pattern.compile("Reports: (.+)/attachments\\.csv, ");

	private WorldReports() {
	}

	static List<String> differences(String output, KintoneEmulator emulator, WorldModel model, String onExisting,
			boolean archiveMapped) throws IOException {
		List<String> problems = new ArrayList<>();
		Matcher matcher = REPORTS.matcher(output);
		if (!matcher.find()) {
			problems.add("report: the run's output names no reports");
			return problems;
		}
		Path dir = Path.of(matcher.group(1));
		List<Map<String, String>> rows = csv(dir.resolve("attachments.csv"));
		JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
		Map<String, Integer> attachedKeys = new HashMap<>();
		int attached = 0;
		int skipped = 0;
		for (Map<String, String> row : rows) {
			String outcome = row.get("outcome");
			String what = "report: " + outcome + " source record " + row.get("source_record") + " "
					+ row.get("source_field")
					+ (row.get("source_row").isEmpty() ? "" : " row id " + row.get("source_row")) + " '"
					+ row.get("file_name") + "'";
			StoredRecord source = emulator.record(WorldApps.SOURCE_APP, Long.parseLong(row.get("source_record")))
				.orElseThrow();
			StoredRecord target = emulator.record(WorldApps.TARGET_APP, Long.parseLong(row.get("source_record")))
				.orElseThrow();
			Optional<String> rowKey = sourceRowKey(source, row.get("source_row"));
			if ("ATTACHED".equals(outcome)) {
				attached++;
				// a row marked present without a transfer has no SHA-256: matched by name
				// and size
				attachedKeys.merge(
						key(row.get("source_record"), row.get("source_field"), rowKey.orElse("?"), row.get("file_name"),
								row.get("sha256").isEmpty() ? "size " + row.get("size") : row.get("sha256")),
						1, Integer::sum);
				List<StoredFile> cell = targetCell(target, row.get("target_field"), rowKey);
				boolean there = cell.stream()
					.anyMatch(file -> file.name().equals(row.get("file_name"))
							&& (row.get("sha256").isEmpty() ? file.size() == Long.parseLong(row.get("size"))
									: file.sha256().equals(row.get("sha256"))));
				if (!there) {
					problems.add(what + " (sha " + shortHash(row.get("sha256")) + ") is not on target record "
							+ target.id() + " " + row.get("target_field") + rowKey.map(k -> " row " + k).orElse(""));
				}
			}
			else if ("SKIPPED".equals(outcome)) {
				skipped++;
				String cell = row.get("source_field").startsWith("items.") ? WorldModel.rowCell(rowKey.orElse("?"))
						: targetField(row.get("source_field"));
				boolean legitimate = "skip".equals(onExisting)
						&& !model.userFiles(Long.parseLong(row.get("source_record")), cell).isEmpty();
				if (!legitimate) {
					problems.add(what + " but nothing should be skipped: " + row.get("error"));
				}
			}
			else {
				problems.add(what + " after a completed run");
			}
		}
		for (StoredRecord source : emulator.records(WorldApps.SOURCE_APP)) {
			reportedAttached(problems, attachedKeys, model, onExisting, source, "attachments",
					source.files("attachments"), null);
			if (archiveMapped) {
				reportedAttached(problems, attachedKeys, model, onExisting, source, "extras", source.files("extras"),
						null);
			}
			for (StoredRow row : source.rows("items")) {
				reportedAttached(problems, attachedKeys, model, onExisting, source, "items.drawing",
						row.files("drawing"), row.text("item_no"));
			}
		}
		if (!"COMPLETED".equals(summary.path("status").asString())) {
			problems.add("report: summary.json says status " + summary.path("status").asString());
		}
		if (summary.path("ledger").path("attached").asLong() != attached
				|| summary.path("ledger").path("skipped").asLong() != skipped) {
			problems.add("report: summary.json's ledger says " + summary.path("ledger") + ", attachments.csv has "
					+ attached + " ATTACHED and " + skipped + " SKIPPED rows");
		}
		return problems;
	}

	/**
	 * Every current source file of a cell must be reported ATTACHED (skip mode: unless
	 * the cell has user files).
	 */
	private static void reportedAttached(List<String> problems, Map<String, Integer> attachedKeys, WorldModel model,
			String onExisting, StoredRecord source, String field, List<StoredFile> files, String rowKey) {
		String cell = rowKey == null ? targetField(field) : WorldModel.rowCell(rowKey);
		if ("skip".equals(onExisting) && !model.userFiles(source.id(), cell).isEmpty()) {
			return;
		}
		for (StoredFile file : files) {
			String key = key(Long.toString(source.id()), field, rowKey == null ? "" : rowKey, file.name(),
					file.sha256());
			boolean reported = attachedKeys.merge(key, -1, Integer::sum) >= 0
					|| attachedKeys.merge(key(Long.toString(source.id()), field, rowKey == null ? "" : rowKey,
							file.name(), "size " + file.size()), -1, Integer::sum) >= 0;
			if (!reported) {
				problems
					.add("report: source record " + source.id() + " " + field + (rowKey == null ? "" : " row " + rowKey)
							+ " '" + file.name() + "' (sha " + shortHash(file.sha256()) + ") is not reported ATTACHED");
			}
		}
	}

	private static String key(String record, String field, String rowKey, String name, String sha) {
		return record + "|" + field + "|" + (field.startsWith("items.") ? rowKey : "") + "|" + name + "|" + sha;
	}

	private static Optional<String> sourceRowKey(StoredRecord source, String rowId) {
		if (rowId == null || rowId.isEmpty()) {
			return Optional.empty();
		}
		return source.rows("items")
			.stream()
			.filter(row -> Long.toString(row.id()).equals(rowId))
			.map(row -> row.text("item_no"))
			.findFirst();
	}

	private static List<StoredFile> targetCell(StoredRecord target, String field, Optional<String> rowKey) {
		if (!field.startsWith(WorldModel.TABLE + ".")) {
			return target.files(field);
		}
		List<StoredFile> files = new ArrayList<>();
		for (StoredRow row : target.rows(WorldModel.TABLE)) {
			if (rowKey.isEmpty() || rowKey.get().equals(row.text("item_no"))) {
				files.addAll(row.files(WorldModel.COLUMN));
			}
		}
		return files;
	}

	private static String targetField(String sourceField) {
		return "attachments".equals(sourceField) ? "documents" : "archive";
	}

	private static String shortHash(String sha) {
		return sha.length() > 12 ? sha.substring(0, 12) : sha;
	}

	private static List<Map<String, String>> csv(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		CsvMapper mapper = CsvMapper.builder().build();
		List<Map<String, String>> rows = new ArrayList<>();
		try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(text)) {
			while (it.hasNext()) {
				rows.add(it.next());
			}
		}
		return rows;
	}

}
