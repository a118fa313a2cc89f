package io.kintonemigrator.emulator.store;

import java.util.Objects;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * All changes of one write API call (or one whole bulk request), staged until
 * {@link #commit()} and dropped by {@link #close()} without a commit. Reads through the
 * transaction see its own staged changes. Holds the store's write lock from creation to
 * close, so use it from one thread and always close it (try-with-resources).
 */
public final class WriteTransaction implements AutoCloseable {

	private final EmulatorStore store;

	/** app → id → staged record; a null value means deleted. */
	private final Map<Long, Map<Long, @Nullable StoredRecord>> staged = new HashMap<>();

	private final Map<Long, Long> lastRecordIds = new HashMap<>();

	private final Map<Long, Long> lastRowIds = new HashMap<>();

	private final Set<String> consumedUploads = new HashSet<>();

	private boolean open = true;

	WriteTransaction(EmulatorStore store) {
		this.store = store;
		store.lock.writeLock().lock();
	}

	/** The current time truncated to the minute, as kintone stores record timestamps. */
	public Instant now() {
		return this.store.clock().instant().truncatedTo(ChronoUnit.MINUTES);
	}

	/**
	 * The record as this transaction sees it, or null if it does not exist (or was
	 * deleted here).
	 */
	public @Nullable StoredRecord record(long appId, long recordId) {
		Map<Long, @Nullable StoredRecord> appStaged = this.staged.get(appId);
		if (appStaged != null && appStaged.containsKey(recordId)) {
			return appStaged.get(recordId);
		}
		return this.store.record(appId, recordId);
	}

	/** Every record of the app as this transaction sees it, in ascending id order. */
	public List<StoredRecord> records(long appId) {
		NavigableMap<Long, StoredRecord> merged = new TreeMap<>(
				this.store.records.getOrDefault(appId, new TreeMap<>()));
		Map<Long, @Nullable StoredRecord> appStaged = this.staged.getOrDefault(appId, Map.of());
		appStaged.forEach((id, record) -> {
			if (record == null) {
				merged.remove(id);
			}
			else {
				merged.put(id, record);
			}
		});
		return new ArrayList<>(merged.values());
	}

	/**
	 * The records whose top-level text-like field {@code code} has exactly {@code value},
	 * as this transaction sees them. Uses the store's index for unique fields; scans the
	 * app otherwise.
	 */
	public List<StoredRecord> findByText(long appId, String code, String value) {
		List<StoredRecord> matches = new ArrayList<>();
		Map<Long, @Nullable StoredRecord> appStaged = this.staged.getOrDefault(appId, Map.of());
		Map<String, Set<Long>> index = this.store.uniqueIndex(appId, code);
		Iterable<StoredRecord> committed = (index != null) ? index.getOrDefault(value, Set.of())
			.stream()
			.map((id) -> this.store.record(appId, id))
			.filter(Objects::nonNull)
			.toList() : this.store.records.getOrDefault(appId, new TreeMap<>()).values();
		for (StoredRecord record : committed) {
			if (!appStaged.containsKey(record.id()) && record.text(code).equals(value)) {
				matches.add(record);
			}
		}
		for (StoredRecord record : appStaged.values()) {
			if (record != null && record.text(code).equals(value)) {
				matches.add(record);
			}
		}
		return matches;
	}

	public long newRecordId(long appId) {
		long next = this.lastRecordIds.getOrDefault(appId, this.store.lastRecordIds.get(appId).get()) + 1;
		this.lastRecordIds.put(appId, next);
		return next;
	}

	public long newRowId(long appId) {
		long next = this.lastRowIds.getOrDefault(appId, this.store.lastRowIds.get(appId).get()) + 1;
		this.lastRowIds.put(appId, next);
		return next;
	}

	public void put(long appId, StoredRecord record) {
		this.staged.computeIfAbsent(appId, (id) -> new LinkedHashMap<>()).put(record.id(), record);
	}

	public void delete(long appId, long recordId) {
		this.staged.computeIfAbsent(appId, (id) -> new LinkedHashMap<>()).put(recordId, null);
	}

	/**
	 * Takes the upload behind a key for attaching: null if the key is not a live upload
	 * key or was already taken in this transaction. The key is consumed for good on
	 * commit.
	 */
	public @Nullable UploadedFile claimUpload(String uploadKey) {
		if (this.consumedUploads.contains(uploadKey)) {
			return null;
		}
		UploadedFile upload = this.store.uploads.live(uploadKey);
		if (upload != null) {
			this.consumedUploads.add(uploadKey);
		}
		return upload;
	}

	/**
	 * Whether the key is an upload key that has already been attached (here or in an
	 * earlier write).
	 */
	public boolean isConsumedUpload(String uploadKey) {
		return this.consumedUploads.contains(uploadKey) || this.store.uploads.isConsumed(uploadKey);
	}

	/** A new record-style download key. */
	public String newDownloadKey() {
		return this.store.fileKeys.newDownloadKey();
	}

	/**
	 * Applies every staged change at once: records, record and row id counters, consumed
	 * upload keys and the download-key index. Files no longer attached anywhere are
	 * deleted.
	 */
	public void commit() {
		if (!this.open) {
			throw new IllegalStateException("transaction already closed");
		}
		List<StoredFile> detached = new ArrayList<>();
		this.staged.forEach((appId, changes) -> {
			NavigableMap<Long, StoredRecord> appRecords = this.store.records.get(appId);
			changes.forEach((id, record) -> {
				StoredRecord previous = (record != null) ? appRecords.put(id, record) : appRecords.remove(id);
				this.store.reindex(appId, previous, record);
				Set<String> kept = new HashSet<>();
				if (record != null) {
					for (StoredFile file : record.allFiles()) {
						kept.add(file.fileKey());
						this.store.downloads.put(file.fileKey(), new AttachedFile(appId, id, file));
					}
				}
				if (previous != null) {
					for (StoredFile file : previous.allFiles()) {
						if (!kept.contains(file.fileKey())) {
							this.store.downloads.remove(file.fileKey());
							detached.add(file);
						}
					}
				}
			});
		});
		this.lastRecordIds.forEach((appId, last) -> this.store.lastRecordIds.get(appId).set(last));
		this.lastRowIds.forEach((appId, last) -> this.store.lastRowIds.get(appId).set(last));
		this.consumedUploads.forEach(this.store.uploads::consume);
		detached.forEach((file) -> file.blob().discard());
		close();
	}

	/**
	 * Releases the write lock; without a prior {@link #commit()} every staged change is
	 * dropped.
	 */
	@Override
	public void close() {
		if (this.open) {
			this.open = false;
			this.store.lock.writeLock().unlock();
		}
	}

}
