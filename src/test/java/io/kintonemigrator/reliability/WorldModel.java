package io.kintonemigrator.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;

/**
 * What the target must hold at the end of a changing-world scenario, given the source as
 * it is then and what the target's users did, and the comparison with what it holds.
 *
 * <p>
 * <b>Cells.</b> A target FILE cell is a top-level mapped field ({@code documents},
 * {@code archive} once mapped) or the mapped FILE column ({@code drawing}) of one target
 * row. A target row is paired with the source row whose row key ({@code item_no}) has the
 * same value; a source row without a partner gets a new target row carrying its row key.
 * A file is compared as {@code name:SHA-256}.
 *
 * <p>
 * <b>User files</b> of a cell: the files the target held before the first run plus those
 * the test's users added to that cell, minus those they removed ({@link #userFileAdded},
 * {@link #userFileRemoved}).
 *
 * <p>
 * <b>Expected content</b>, by {@code onExisting}:
 * <ul>
 * <li>{@code replace}: a cell paired with a current source cell holds exactly the source
 * cell's files, in source order;</li>
 * <li>{@code append}: such a cell holds, as a multiset, exactly its user files plus the
 * source cell's current files;</li>
 * <li>{@code skip}: such a cell holds exactly its user files if it has any, else exactly
 * the source cell's current files (multiset);</li>
 * <li>in every mode, the mapped column of a target row without a current source partner
 * (its source row was deleted, or it is a target-only row) holds exactly its user files
 * (multiset): files the job put there earlier are gone; an unmapped FILE field holds
 * exactly its user files;</li>
 * <li>every non-file value keeps what the users left: {@code note}, the {@code memo} of
 * every row the target had before the first run (the users edit row "T"), an empty
 * {@code memo} in rows the job added; no row the target had before the first run is lost;
 * no row key appears twice; every current source row with files has its target row.</li>
 * </ul>
 * A source row without files needs no target row (no file to put anywhere); if it has
 * one, that row's cell is paired with it and follows the rules above (in {@code replace}:
 * empty). Likewise a top-level cell is always paired with its source field, so in
 * {@code replace} an empty source field leaves the target field empty. Multiset equality
 * also catches every duplicate. Rows the job added for source rows deleted since may stay
 * (whether the job saw such a row depends on timing); their cells then hold no files.
 * Thread-safe: the users' thread records edits while the test's thread reads.
 */
final class WorldModel {

	static final String TABLE = "lines";

	static final String COLUMN = "drawing";

	private final Map<Long, Map<String, List<String>>> userFiles = new HashMap<>();

	private final Map<Long, String> notes = new HashMap<>();

	/** Record → row key → memo, for the rows the target had before the first run. */
	private final Map<Long, Map<String, String>> memos = new HashMap<>();

	private WorldModel() {
	}

	/**
	 * The target as the users left it before the first run: all its files are user files.
	 */
	static WorldModel before(KintoneEmulator emulator) {
		WorldModel model = new WorldModel();
		for (StoredRecord target : emulator.records(WorldApps.TARGET_APP)) {
			long id = legacyId(target);
			Map<String, List<String>> cells = new HashMap<>();
			cells.put("documents", new ArrayList<>(hashes(target.files("documents"))));
			cells.put("archive", new ArrayList<>(hashes(target.files("archive"))));
			Map<String, String> rowMemos = new LinkedHashMap<>();
			for (StoredRow row : target.rows(TABLE)) {
				cells.put(rowCell(row.text("item_no")), new ArrayList<>(hashes(row.files(COLUMN))));
				rowMemos.put(row.text("item_no"), row.text("memo"));
			}
			model.userFiles.put(id, cells);
			model.notes.put(id, target.text("note"));
			model.memos.put(id, rowMemos);
		}
		return model;
	}

	/** The key of a row's FILE cell. */
	static String rowCell(String rowKey) {
		return TABLE + "[" + rowKey + "]." + COLUMN;
	}

	synchronized void userFileAdded(long record, String cell, String file) {
		userFiles.get(record).computeIfAbsent(cell, c -> new ArrayList<>()).add(file);
	}

	synchronized void userFileRemoved(long record, String cell, String file) {
		userFiles.get(record).get(cell).remove(file);
	}

	synchronized void noteEdited(long record, String note) {
		notes.put(record, note);
	}

	synchronized void memoEdited(long record, String rowKey, String memo) {
		memos.get(record).put(rowKey, memo);
	}

	synchronized List<String> userFiles(long record, String cell) {
		return List.copyOf(userFiles.get(record).getOrDefault(cell, List.of()));
	}

	/**
	 * Every difference between the expected target (from the source as it is now) and the
	 * target, one line each, naming record, cell, expected and actual
	 * {@code name:SHA-256} (hash shortened) and what is missing or extra.
	 */
	synchronized List<String> differences(KintoneEmulator emulator, String onExisting, boolean archiveMapped) {
		List<String> problems = new ArrayList<>();
		Map<Long, StoredRecord> targets = new TreeMap<>();
		emulator.records(WorldApps.TARGET_APP).forEach(target -> targets.put(legacyId(target), target));
		for (StoredRecord source : emulator.records(WorldApps.SOURCE_APP)) {
			long id = source.id();
			StoredRecord target = targets.get(id);
			if (target == null) {
				problems.add("record " + id + ": no target record");
				continue;
			}
			String where = "record " + id + " ";
			if (!notes.get(id).equals(target.text("note"))) {
				problems.add(where + "note: expected '" + notes.get(id) + "' but found '" + target.text("note") + "'");
			}
			compare(problems, where + "documents", onExisting, hashes(source.files("attachments")),
					userFiles(id, "documents"), hashes(target.files("documents")));
			compare(problems, where + "archive", onExisting, archiveMapped ? hashes(source.files("extras")) : null,
					userFiles(id, "archive"), hashes(target.files("archive")));
			rows(problems, where, onExisting, id, source, target);
		}
		return problems;
	}

	private void rows(List<String> problems, String where, String onExisting, long id, StoredRecord source,
			StoredRecord target) {
		Map<String, StoredRow> targetRows = new LinkedHashMap<>();
		for (StoredRow row : target.rows(TABLE)) {
			if (targetRows.putIfAbsent(row.text("item_no"), row) != null) {
				problems.add(where + TABLE + ": two rows with item_no '" + row.text("item_no") + "'");
			}
		}
		Map<String, StoredRow> sourceRows = new LinkedHashMap<>();
		source.rows("items").forEach(row -> sourceRows.put(row.text("item_no"), row));
		Map<String, String> userMemos = memos.get(id);
		Set<String> expectedKeys = new LinkedHashSet<>(userMemos.keySet());
		sourceRows.forEach((key, row) -> {
			if (!row.files(COLUMN).isEmpty()) {
				expectedKeys.add(key);
			}
		});
		for (String key : expectedKeys) {
			if (!targetRows.containsKey(key)) {
				problems.add(where + TABLE + ": row '" + key + "' is missing ("
						+ (userMemos.containsKey(key) ? "the target had it before the first run"
								: "source row with files " + shortList(hashes(sourceRows.get(key).files(COLUMN))))
						+ "; rows now: " + targetRows.keySet() + ")");
			}
		}
		for (Map.Entry<String, StoredRow> entry : targetRows.entrySet()) {
			String key = entry.getKey();
			StoredRow row = entry.getValue();
			String memo = userMemos.getOrDefault(key, "");
			if (!memo.equals(row.text("memo"))) {
				problems.add(where + TABLE + "[" + key + "].memo: expected '" + memo + "' but found '"
						+ row.text("memo") + "'");
			}
			StoredRow partner = sourceRows.get(key);
			compare(problems, where + rowCell(key), onExisting, partner == null ? null : hashes(partner.files(COLUMN)),
					userFiles(id, rowCell(key)), hashes(row.files(COLUMN)));
		}
	}

	/**
	 * Compares one cell. {@code source} is null when the cell has no current source
	 * partner: then it must hold exactly its user files.
	 */
	private static void compare(List<String> problems, String where, String onExisting, List<String> source,
			List<String> user, List<String> actual) {
		List<String> expected;
		boolean ordered = false;
		String rule;
		if (source == null) {
			expected = user;
			rule = "no source partner: user files only";
		}
		else if ("replace".equals(onExisting)) {
			expected = source;
			ordered = true;
			rule = "replace: the source's files in order";
		}
		else if ("append".equals(onExisting)) {
			expected = new ArrayList<>(user);
			expected.addAll(source);
			rule = "append: user files + source files";
		}
		else if (!user.isEmpty()) {
			expected = user;
			rule = "skip, the cell has user files: user files only";
		}
		else {
			expected = source;
			rule = "skip, no user files: the source's files";
		}
		boolean same = ordered ? expected.equals(actual) : counts(expected).equals(counts(actual));
		if (!same) {
			problems.add(where + " (" + rule + "): expected " + shortList(expected) + " but found " + shortList(actual)
					+ difference(expected, actual));
		}
	}

	private static String difference(List<String> expected, List<String> actual) {
		Map<String, Integer> balance = new TreeMap<>();
		actual.forEach(file -> balance.merge(file, 1, Integer::sum));
		expected.forEach(file -> balance.merge(file, -1, Integer::sum));
		List<String> missing = new ArrayList<>();
		List<String> extra = new ArrayList<>();
		balance.forEach((file, n) -> {
			for (int i = 0; i < Math.abs(n); i++) {
				(n < 0 ? missing : extra).add(file);
			}
		});
		if (missing.isEmpty() && extra.isEmpty()) {
			return "; same files, other order";
		}
		return "; missing " + shortList(missing) + ", extra " + shortList(extra);
	}

	private static Map<String, Integer> counts(List<String> files) {
		Map<String, Integer> counts = new HashMap<>();
		files.forEach(file -> counts.merge(file, 1, Integer::sum));
		return counts;
	}

	/** {@code name:SHA-256} with the hash cut to 12 hex digits, for reading. */
	static List<String> shortList(List<String> files) {
		return files.stream()
			.map(file -> file.substring(0, Math.min(file.length(), file.lastIndexOf(':') + 13)))
			.toList();
	}

	static List<String> hashes(List<StoredFile> files) {
		return files.stream().map(file -> file.name() + ":" + file.sha256()).toList();
	}

	static long legacyId(StoredRecord target) {
		return Long.parseLong(target.text("legacy_id"));
	}

}
