package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether kintone applied an update the job sent but never heard the answer of: a
 * restart finding INTENT rows, or a revision conflict that may answer the retry of an
 * update kintone had applied. kintone applies an update to a record whole or not at all,
 * so the answer is given per record, from what the record holds now:
 * <ul>
 * <li>the revision has not moved: not applied;</li>
 * <li>{@code append} and {@code skip}: every target field holds at least as many files of
 * each carried attachment's name and size as the update would leave there;</li>
 * <li>{@code replace}: every target field holds exactly as many such files and exactly as
 * many files in all as the update would leave there, and one of them has the SHA-256 of
 * the bytes sent (downloaded to tell a file the target held before, of the same name and
 * size, from ours).</li>
 * </ul>
 * A user's edit that moved the revision instead of our update leaves the target field as
 * it was, so it fails these tests unless the field already held exactly what the update
 * would write, in which case there is nothing left to do either. It also tells the job's
 * copy of a file from a user's file of the same name and size ({@link #copyOf}). Not
 * thread-safe; one instance per chunk.
 */
final class UpdateProof {

	/**
	 * What one carried attachment leaves in its target field once the update is applied.
	 */
	record Expectation(FieldPath field, String name, long size, int expectedCount, @Nullable Integer expectedTotal,
			@Nullable String sha256) {
	}

	private final KintoneClient target;

	private final OnExisting onExisting;

	private final Path workDir;

	private final Map<String, String> hashes = new HashMap<>();

	UpdateProof(KintoneClient target, OnExisting onExisting, Path workDir) {
		this.target = target;
		this.onExisting = onExisting;
		this.workDir = workDir;
	}

	boolean applied(KintoneRecord now, long baseRevision, List<Expectation> expectations) {
		if (now.revision() == baseRevision || expectations.isEmpty()) {
			return false;
		}
		for (Expectation expected : expectations) {
			int count = UpdatePlanner.count(now, expected.field(), expected.name(), expected.size());
			if (onExisting != OnExisting.REPLACE) {
				if (count < expected.expectedCount()) {
					return false;
				}
				continue;
			}
			if (count != expected.expectedCount() || (expected.expectedTotal() != null
					&& UpdatePlanner.files(now, expected.field()).size() != expected.expectedTotal())) {
				return false;
			}
			if (expected.sha256() != null && !holdsBytes(now, expected)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The target file that is the job's copy of a file of this name, size and content,
	 * where the field holds several of that name and size (downloaded to tell them
	 * apart); null when it holds at most one, or none has these bytes.
	 */
	@Nullable FileKey copyOf(KintoneRecord now, FieldPath field, String name, long size, @Nullable String sha256) {
		List<FileInfo> candidates = UpdatePlanner.files(now, field)
			.stream()
			.filter(file -> file.name().equals(name) && file.size() == size)
			.toList();
		if (candidates.size() < 2 || sha256 == null) {
			return null;
		}
		return candidates.stream()
			.filter(file -> sha256.equals(sha256(file)))
			.map(FileInfo::fileKey)
			.findFirst()
			.orElse(null);
	}

	private boolean holdsBytes(KintoneRecord now, Expectation expected) {
		for (FileInfo file : UpdatePlanner.files(now, expected.field())) {
			if (file.name().equals(expected.name()) && file.size() == expected.size()
					&& expected.sha256().equals(sha256(file))) {
				return true;
			}
		}
		return false;
	}

	private String sha256(FileInfo file) {
		String known = hashes.get(file.fileKey().value());
		if (known != null) {
			return known;
		}
		String sha256 = HashingDownload.of(target, file.fileKey(), workDir).sha256();
		hashes.put(file.fileKey().value(), sha256);
		return sha256;
	}

}
