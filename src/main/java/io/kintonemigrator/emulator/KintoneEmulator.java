package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.kintonemigrator.emulator.api.ApiSettings;
import io.kintonemigrator.emulator.fault.FaultInjectionFilter;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.http.EmulatorServer;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.observe.StatsRecorder;
import io.kintonemigrator.emulator.store.AttachedFile;
import io.kintonemigrator.emulator.store.EmulatorStore;
import io.kintonemigrator.emulator.store.StoredRecord;

/**
 * A running kintone emulator: the kintone REST API over real HTTP on {@code localhost},
 * plus direct read access to its state for assertions. Start with {@link #builder()};
 * {@link #close()} stops the server and deletes the data directory if the emulator
 * created it. Thread-safe.
 *
 * <pre>{@code
 * try (KintoneEmulator emulator = KintoneEmulator.builder().port(0).seed(seed).start()) {
 *     URI base = emulator.baseUrl();
 * }
 * }</pre>
 */
public final class KintoneEmulator implements AutoCloseable {

	private final EmulatorServer server;

	private final EmulatorStore store;

	private final ApiSettings settings;

	private final StatsRecorder stats;

	private final RequestLog requestLog;

	private final FaultInjectionFilter faults;

	private final DataDirectory dataDirectory;

	/**
	 * Takes over the wired parts; {@link KintoneEmulatorBuilder#start()} starts the
	 * server.
	 */
	KintoneEmulator(EmulatorServer server, EmulatorStore store, ApiSettings settings, StatsRecorder stats,
			RequestLog requestLog, FaultInjectionFilter faults, DataDirectory dataDirectory) {
		this.server = server;
		this.store = store;
		this.settings = settings;
		this.stats = stats;
		this.requestLog = requestLog;
		this.faults = faults;
		this.dataDirectory = dataDirectory;
	}

	public static KintoneEmulatorBuilder builder() {
		return new KintoneEmulatorBuilder();
	}

	/**
	 * {@code http://localhost:PORT} ({@code https} with
	 * {@link KintoneEmulatorBuilder#tls}), without a trailing slash.
	 */
	public URI baseUrl() {
		return URI.create((this.server.https() ? "https" : "http") + "://localhost:" + port());
	}

	public int port() {
		return this.server.port();
	}

	public ApiSettings settings() {
		return this.settings;
	}

	/**
	 * Replaces the fault settings for requests arriving from now on (e.g. faults only
	 * while a test's second phase runs); the random sequence restarts from the new
	 * settings' seed.
	 */
	public void faults(FaultSettings faults) {
		this.faults.update(faults);
	}

	public FaultSettings faults() {
		return this.faults.settings();
	}

	/** The apps, in id order; {@link AppDefinition#toString()} hides their API tokens. */
	public List<AppDefinition> apps() {
		return this.store.apps().stream().sorted(Comparator.comparingLong(AppDefinition::id)).toList();
	}

	/**
	 * Adds more users and apps while running (app ids must be new). The domain's language
	 * is fixed at start: a seed that names another one is rejected with an
	 * {@link IllegalArgumentException}.
	 */
	public void seed(EmulatorSeed seed) {
		if (seed.language() != null && seed.language() != this.settings.domainLanguage()) {
			throw new IllegalArgumentException(
					"the seed's language " + seed.language() + " differs from the running emulator's "
							+ this.settings.domainLanguage() + "; give it to the builder instead");
		}
		new SeedLoader(this.store).apply(seed);
	}

	/** Every request answered so far (up to the log capacity), oldest first. */
	public List<RequestLogEntry> requestLog() {
		return this.requestLog.entries();
	}

	public void clearRequestLog() {
		this.requestLog.clear();
	}

	/**
	 * Request counters: per app and API, in flight, peak in flight, per app per kintone
	 * day.
	 */
	public EmulatorStats stats() {
		return this.stats.snapshot();
	}

	/**
	 * A snapshot of an app's records in ascending id order, with their field values and
	 * files.
	 */
	public List<StoredRecord> records(long appId) {
		return this.store.records(appId);
	}

	public Optional<StoredRecord> record(long appId, long recordId) {
		return Optional.ofNullable(this.store.record(appId, recordId));
	}

	/**
	 * The stored bytes behind a download key (as found in {@link #records(long)}); the
	 * caller closes the stream. Throws {@link IllegalArgumentException} for a key no
	 * record holds.
	 */
	public InputStream openFile(String downloadKey) throws IOException {
		AttachedFile file = this.store.attachedFile(downloadKey);
		if (file == null) {
			throw new IllegalArgumentException("no record holds a file with download key " + downloadKey);
		}
		return file.file().blob().open();
	}

	/**
	 * The internal state, for the emulator's own extensions (seed loaders, stats
	 * endpoint).
	 */
	public EmulatorStore store() {
		return this.store;
	}

	public Path dataDirectory() {
		return this.dataDirectory.path();
	}

	/**
	 * Stops the server, then deletes the data directory if the emulator created it; runs
	 * in shutdown hooks too.
	 */
	@Override
	public void close() {
		try {
			this.server.close();
		}
		finally {
			this.dataDirectory.release();
		}
	}

}
