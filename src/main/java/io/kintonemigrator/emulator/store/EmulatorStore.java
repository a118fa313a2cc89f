package io.kintonemigrator.emulator.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.kintonemigrator.emulator.file.Blob;
import io.kintonemigrator.emulator.file.FileStorage;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.UserAccount;

import org.jspecify.annotations.Nullable;

/**
 * Everything one emulated kintone domain holds: users, apps, records, upload keys and
 * download keys.
 * <p>
 * Thread-safety: reads may run concurrently with each other; every change goes through a
 * {@link WriteTransaction}, and transactions run one at a time (a single domain-wide
 * write lock, held from {@link #beginWrite()} until commit or close), which makes every
 * write API all-or-nothing, including a bulk request spanning several apps. Readers never
 * see a half-applied transaction.
 */
public final class EmulatorStore {

	final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	final Map<Long, AppDefinition> apps = new ConcurrentHashMap<>();

	final Map<Long, NavigableMap<Long, StoredRecord>> records = new ConcurrentHashMap<>();

	final Map<Long, AtomicLong> lastRecordIds = new ConcurrentHashMap<>();

	final Map<Long, AtomicLong> lastRowIds = new ConcurrentHashMap<>();

	final Map<String, AttachedFile> downloads = new ConcurrentHashMap<>();

	/**
	 * app → unique field → value → ids, for the fields that prohibit duplicates
	 * (updateKey and unique checks).
	 */
	final Map<Long, Map<String, Map<String, Set<Long>>>> uniqueIndex = new ConcurrentHashMap<>();

	final UploadRegistry uploads;

	final FileKeys fileKeys;

	private final Map<String, UserAccount> users = new ConcurrentHashMap<>();

	private final Map<String, Long> tokenApps = new ConcurrentHashMap<>();

	private final Clock clock;

	private final FileStorage fileStorage;

	public EmulatorStore(Clock clock, FileStorage fileStorage, Duration uploadLifetime) {
		this.clock = clock;
		this.fileStorage = fileStorage;
		this.uploads = new UploadRegistry(clock, uploadLifetime);
		this.fileKeys = new FileKeys(clock);
	}

	public Clock clock() {
		return this.clock;
	}

	public FileStorage fileStorage() {
		return this.fileStorage;
	}

	/** Adds a user who can authenticate with {@code X-Cybozu-Authorization}. */
	public void addUser(UserAccount user) {
		if (this.users.putIfAbsent(user.login(), user) != null) {
			throw new IllegalArgumentException("user '" + user.login() + "' is seeded twice");
		}
	}

	public @Nullable UserAccount user(String login) {
		return this.users.get(login);
	}

	/** Adds an app with no records. Its API tokens must not be used by another app. */
	public void addApp(AppDefinition app) {
		this.lock.writeLock().lock();
		try {
			if (this.apps.containsKey(app.id())) {
				throw new IllegalArgumentException("app " + app.id() + " is seeded twice");
			}
			for (String token : app.apiTokens().keySet()) {
				if (this.tokenApps.containsKey(token)) {
					throw new IllegalArgumentException("app " + app.id() + " reuses an API token of app "
							+ this.tokenApps.get(token) + "; every token belongs to one app");
				}
			}
			app.apiTokens().keySet().forEach((token) -> this.tokenApps.put(token, app.id()));
			this.apps.put(app.id(), app);
			this.records.put(app.id(), new ConcurrentSkipListMap<>());
			this.lastRecordIds.put(app.id(), new AtomicLong());
			this.lastRowIds.put(app.id(), new AtomicLong());
			Map<String, Map<String, Set<Long>>> indexes = new ConcurrentHashMap<>();
			app.fields()
				.values()
				.stream()
				.filter(FieldDefinition::unique)
				.forEach((field) -> indexes.put(field.code(), new ConcurrentHashMap<>()));
			this.uniqueIndex.put(app.id(), indexes);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	public @Nullable AppDefinition app(long appId) {
		return this.apps.get(appId);
	}

	public Collection<AppDefinition> apps() {
		return List.copyOf(this.apps.values());
	}

	/** The app an API token was generated for, or null for an unknown token. */
	public @Nullable Long appOfToken(String token) {
		return this.tokenApps.get(token);
	}

	/**
	 * A consistent snapshot of an app's records in ascending id order (empty for an
	 * unknown app).
	 */
	public List<StoredRecord> records(long appId) {
		this.lock.readLock().lock();
		try {
			NavigableMap<Long, StoredRecord> appRecords = this.records.get(appId);
			return (appRecords != null) ? new ArrayList<>(appRecords.values()) : List.of();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	public @Nullable StoredRecord record(long appId, long recordId) {
		NavigableMap<Long, StoredRecord> appRecords = this.records.get(appId);
		return (appRecords != null) ? appRecords.get(recordId) : null;
	}

	/** The value index of a unique field, or null when the field is not unique. */
	@Nullable Map<String, Set<Long>> uniqueIndex(long appId, String fieldCode) {
		return this.uniqueIndex.getOrDefault(appId, Map.of()).get(fieldCode);
	}

	/**
	 * Moves a committed record's unique values in the index (either record may be null).
	 */
	void reindex(long appId, @Nullable StoredRecord previous, @Nullable StoredRecord current) {
		this.uniqueIndex.getOrDefault(appId, Map.of()).forEach((code, index) -> {
			if (previous != null && !previous.text(code).isEmpty()) {
				index.computeIfPresent(previous.text(code), (value, ids) -> {
					ids.remove(previous.id());
					return ids.isEmpty() ? null : ids;
				});
			}
			if (current != null && !current.text(code).isEmpty()) {
				index.computeIfAbsent(current.text(code), (value) -> ConcurrentHashMap.newKeySet()).add(current.id());
			}
		});
	}

	/**
	 * Starts the only running write; the caller must {@link WriteTransaction#close()
	 * close} it.
	 */
	public WriteTransaction beginWrite() {
		return new WriteTransaction(this);
	}

	/** Puts a file into temporary storage and returns its new upload key. */
	public String registerUpload(Blob blob, String name, String contentType) {
		this.uploads.purgeExpired();
		return this.uploads.register(blob, name, contentType);
	}

	/** Whether the key is a live (attachable, not downloadable) upload key. */
	public boolean isLiveUploadKey(String key) {
		return this.uploads.live(key) != null;
	}

	/** The attached file behind a download key, or null. */
	public @Nullable AttachedFile attachedFile(String downloadKey) {
		return this.downloads.get(downloadKey);
	}

}
