package io.kintonemigrator.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;

/**
 * Checks a finished benchmark through the emulator's Java API: every source record's
 * files are on the target record with the same {@code legacy_id}, each once, by name and
 * SHA-256 of the bytes.
 */
final class BenchVerification {

	private BenchVerification() {
	}

	/** One line per difference; empty when the target matches the source. */
	static List<String> differences(KintoneEmulator emulator) {
		Map<String, StoredRecord> targets = new HashMap<>();
		emulator.records(BenchDataSet.TARGET_APP)
			.forEach(record -> targets.put(record.text(BenchDataSet.KEY_FIELD), record));
		List<String> problems = new ArrayList<>();
		for (StoredRecord source : emulator.records(BenchDataSet.SOURCE_APP)) {
			String key = source.text(BenchDataSet.KEY_FIELD);
			StoredRecord target = targets.get(key);
			if (target == null) {
				problems.add("source record " + source.id() + ": no target record has legacy_id " + key);
				continue;
			}
			List<String> expected = fingerprints(source.files(BenchDataSet.FILE_FIELD));
			List<String> actual = fingerprints(target.files(BenchDataSet.FILE_FIELD));
			if (!expected.equals(actual)) {
				problems.add("legacy_id " + key + ": target has " + actual + ", source has " + expected);
			}
		}
		return problems;
	}

	private static List<String> fingerprints(List<StoredFile> files) {
		return files.stream().map(file -> file.name() + ":" + file.sha256()).sorted().toList();
	}

}
