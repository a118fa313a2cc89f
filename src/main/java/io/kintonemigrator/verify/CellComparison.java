package io.kintonemigrator.verify;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.kintonemigrator.verify.AttachmentVerifier.Hashed;

/**
 * Compares the files of one target FILE value with the source files migrated into it.
 * Pairs them in this order: same name, size and SHA-256 (identical); same name (the
 * content differs); same size and SHA-256 (renamed). A source file left without a partner
 * is missing on the target; a target file left without one is extra, which
 * {@code onExisting: append} allows (the target's own earlier files) unless it is one
 * more copy of a source file: a migration that attached a file twice shows up so. Pure.
 */
final class CellComparison {

	private final String label;

	private final boolean exact;

	/**
	 * @param label names the source record, field and row and the target record and field
	 * @param exact true when the target must hold exactly the source's files (replace,
	 * skip)
	 */
	CellComparison(String label, boolean exact) {
		this.label = label;
		this.exact = exact;
	}

	/**
	 * Hands one line per difference to {@code differences}; returns how many it found.
	 */
	int compare(List<Hashed> source, List<Hashed> target, Consumer<String> differences) {
		List<Hashed> expected = new ArrayList<>(source);
		List<Hashed> actual = new ArrayList<>(target);
		int found = 0;
		for (Hashed file : List.copyOf(expected)) {
			if (file.error() == null && take(actual,
					a -> a.error() == null && sameContent(a, file) && a.name().equals(file.name())) != null) {
				expected.remove(file);
			}
		}
		List<String> lines = new ArrayList<>();
		for (Hashed file : expected) {
			Hashed sameName = take(actual, a -> a.name().equals(file.name()));
			Hashed sameContent = sameName != null || file.error() != null ? null
					: take(actual, a -> a.error() == null && sameContent(a, file));
			if (file.error() != null) {
				lines.add("'" + file.name() + "' cannot be read on the source: " + file.error());
			}
			else if (sameName != null) {
				lines.add(contentDifference(file, sameName));
			}
			else if (sameContent != null) {
				lines.add("'" + file.name() + "' is named '" + sameContent.name() + "' on the target");
			}
			else {
				lines.add("'" + file.name() + "' (" + file.size() + " bytes) is missing on the target");
			}
		}
		for (Hashed extra : actual) {
			if (exact) {
				lines.add("'" + extra.name() + "' (" + extra.size()
						+ " bytes) is on the target but not on the source (onExisting keeps exactly the source's files)");
			}
			else if (extra.error() == null
					&& source.stream().anyMatch(file -> file.name().equals(extra.name()) && sameContent(file, extra))) {
				lines.add("'" + extra.name() + "' is on the target once more than on the source (a duplicate, or a"
						+ " copy the target had before)");
			}
		}
		for (String line : lines) {
			differences.accept(label + ": " + line);
			found++;
		}
		return found;
	}

	private static String contentDifference(Hashed source, Hashed target) {
		if (target.error() != null) {
			return "'" + source.name() + "' cannot be read on the target: " + target.error();
		}
		if (source.size() != target.size()) {
			return "'" + source.name() + "' differs in size: " + source.size() + " bytes on the source, "
					+ target.size() + " on the target";
		}
		return "'" + source.name() + "' differs in content: SHA-256 " + source.sha256() + " on the source, "
				+ target.sha256() + " on the target";
	}

	private static boolean sameContent(Hashed a, Hashed b) {
		return a.size() == b.size() && Objects.equals(a.sha256(), b.sha256());
	}

	private static @Nullable Hashed take(List<Hashed> files, Predicate<Hashed> match) {
		for (int i = 0; i < files.size(); i++) {
			if (match.test(files.get(i))) {
				return files.remove(i);
			}
		}
		return null;
	}

}
