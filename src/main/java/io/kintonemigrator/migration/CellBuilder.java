package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

/**
 * One target FILE value being rebuilt by the {@link UpdatePlanner}: its files now, which
 * of them are owned copies that stay or go, and the files it gains. An owned copy is
 * claimed by name and size, by its file key where the caller found it by content; each
 * file is claimed at most once. What the cell ends up holding follows {@code onExisting}:
 * under replace the kept copies and the new uploads in source order, otherwise every file
 * but the removed ones, then the new uploads. Not thread-safe; lives for one plan.
 */
final class CellBuilder {

	private final List<Entry> existing = new ArrayList<>();

	/**
	 * Existing files found to be owned copies that stay, by the source position they
	 * stand for.
	 */
	private final Map<Entry, Integer> kept = new LinkedHashMap<>();

	/** Existing files found to be owned copies to remove. */
	private final List<Entry> removed = new ArrayList<>();

	/** New uploads, by source position. */
	private final List<Map.Entry<Integer, Entry>> added = new ArrayList<>();

	/** replace, and the source cell has no file: the cell ends up empty. */
	private boolean emptied;

	CellBuilder(List<FileInfo> current) {
		current.forEach(file -> existing.add(Entry.of(file)));
	}

	void keep(SourceAttachment attachment, @Nullable FileKey key) {
		Entry copy = unclaimed(attachment.file().name(), attachment.file().size(), key);
		if (copy != null) {
			kept.put(copy, attachment.fileIndex());
		}
	}

	/** Claims the owned copy to take off; false when the cell holds none. */
	boolean remove(LedgerEntry removal, @Nullable FileKey key) {
		Entry copy = unclaimed(removal.fileName(), removal.size(), key);
		if (copy == null) {
			return false;
		}
		removed.add(copy);
		return true;
	}

	void add(PendingAttachment item) {
		added.add(Map.entry(item.attachment().fileIndex(),
				new Entry(item.uploadKey(), item.attachment().file().name(), item.attachment().file().size())));
	}

	/**
	 * The file of that name and size not yet claimed: the one with {@code key} when
	 * given, else the first.
	 */
	private @Nullable Entry unclaimed(String name, long size, @Nullable FileKey key) {
		for (Entry entry : existing) {
			if (entry.name().equals(name) && entry.size() == size && (key == null || key.equals(entry.key()))
					&& !kept.containsKey(entry) && !removed.contains(entry)) {
				return entry;
			}
		}
		return null;
	}

	void empty() {
		emptied = true;
	}

	boolean holdsUserFiles() {
		return existing.stream().anyMatch(entry -> !kept.containsKey(entry) && !removed.contains(entry));
	}

	/**
	 * Whether the cell changes; under replace also when its owned copies only change
	 * order.
	 */
	boolean touched(OnExisting mode) {
		if (!added.isEmpty() || !removed.isEmpty() || (emptied && !existing.isEmpty())) {
			return true;
		}
		return mode == OnExisting.REPLACE && !kept.isEmpty() && !placed().equals(existing);
	}

	/** replace: the kept copies and the new uploads, in source order. */
	private List<Entry> placed() {
		List<Map.Entry<Integer, Entry>> placed = new ArrayList<>(added);
		kept.forEach((entry, position) -> placed.add(Map.entry(position, entry)));
		placed.sort(Comparator.comparing(Map.Entry::getKey));
		return placed.stream().map(Map.Entry::getValue).toList();
	}

	/** The files the cell holds once the update is applied. */
	List<Entry> finalEntries(OnExisting mode) {
		if (!touched(mode)) {
			return existing;
		}
		if (mode == OnExisting.REPLACE) {
			return placed();
		}
		List<Entry> all = new ArrayList<>(existing);
		all.removeAll(removed);
		added.forEach(a -> all.add(a.getValue()));
		return all;
	}

	/** The keys to send: the target's file keys and the new upload keys. */
	List<FileKey> keys(OnExisting mode) {
		return finalEntries(mode).stream().map(Entry::key).toList();
	}

	/** A file of a cell: a target file, or a new upload. */
	record Entry(FileKey key, String name, long size) {

		static Entry of(FileInfo file) {
			return new Entry(file.fileKey(), file.name(), file.size());
		}

	}

}
