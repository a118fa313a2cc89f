package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.api.ApiSettings;
import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.api.ErrorSpec;
import io.kintonemigrator.emulator.fault.FaultInjectionFilter;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.file.FileStorage;
import io.kintonemigrator.emulator.http.EmulatorServer;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.observe.StatsRecorder;
import io.kintonemigrator.emulator.store.AttachedFile;
import io.kintonemigrator.emulator.store.EmulatorStore;
import io.kintonemigrator.emulator.store.StoredRecord;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

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

	private final Path dataDirectory;

	private final boolean ownsDataDirectory;

	private KintoneEmulator(Builder builder) throws IOException {
		this.ownsDataDirectory = builder.dataDirectory == null;
		this.dataDirectory = (builder.dataDirectory != null) ? Files.createDirectories(builder.dataDirectory)
				: Files.createTempDirectory("kintone-emulator-");
		this.settings = builder.settings;
		this.store = new EmulatorStore(builder.clock, new FileStorage(this.dataDirectory),
				this.settings.uploadKeyLifetime());
		this.stats = new StatsRecorder(builder.clock);
		this.requestLog = new RequestLog(builder.requestLogCapacity);
		SeedLoader loader = new SeedLoader(this.store);
		builder.seeds.forEach(loader::apply);
		this.faults = new FaultInjectionFilter(builder.faults, this.settings);
		List<Filter> filters = new ArrayList<>();
		filters.add(this.faults);
		filters.addAll(builder.filters);
		this.server = new EmulatorServer(builder.port, new ApiContext(this.store, this.settings), this.stats,
				this.requestLog, filters);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code http://localhost:PORT}, without a trailing slash. */
	public URI baseUrl() {
		return URI.create("http://localhost:" + port());
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
		return this.dataDirectory;
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		finally {
			if (this.ownsDataDirectory) {
				deleteRecursively(this.dataDirectory);
			}
		}
	}

	/**
	 * Deletes the data directory with JDK classes only: this runs in shutdown hooks,
	 * where Spring Boot's nested-jar class loader may no longer load classes of ours (an
	 * anonymous visitor class failed there).
	 */
	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the emulator data directory " + directory, ex);
		}
	}

	/** Configures an emulator; {@link #start()} builds and starts it. Not thread-safe. */
	public static final class Builder {

		private int port;

		private Clock clock = Clock.systemUTC();

		private @Nullable Path dataDirectory;

		private final List<EmulatorSeed> seeds = new ArrayList<>();

		private ApiSettings settings = ApiSettings.defaults();

		private final List<Filter> filters = new ArrayList<>();

		private int requestLogCapacity = 100_000;

		private FaultSettings faults = FaultSettings.none();

		private Builder() {
		}

		/** The localhost port; 0 (the default) picks a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * The clock for upload-key expiry, cursor lifetime, record timestamps and kintone
		 * days.
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Where uploads and seeded files are stored; default a temporary directory
		 * deleted on close.
		 */
		public Builder dataDirectory(Path directory) {
			this.dataDirectory = directory;
			return this;
		}

		/**
		 * Users and apps to create at start; may be called more than once. A seed that
		 * names the domain's language sets it as {@link #domainLanguage(Language)} does.
		 */
		public Builder seed(EmulatorSeed seed) {
			this.seeds.add(seed);
			if (seed.language() != null) {
				domainLanguage(seed.language());
			}
			return this;
		}

		/**
		 * The domain's language: error messages of requests whose {@code Accept-Language}
		 * names neither Japanese nor English are in it (default {@link Language#JA}; an
		 * English-language domain answers in English).
		 */
		public Builder domainLanguage(Language language) {
			this.settings = this.settings.withDomainLanguage(language);
			return this;
		}

		/** Requests in flight before 429 {@code GAIA_TO04}; kintone's is 100. */
		public Builder concurrencyLimit(int limit) {
			this.settings = this.settings.withConcurrencyLimit(limit);
			return this;
		}

		/** Answer the errors kintone-api.md lists as "(legacy 520)" with HTTP 520. */
		public Builder legacyStatus520(boolean legacy) {
			this.settings = this.settings.withLegacyStatus520(legacy);
			return this;
		}

		/** Largest accepted upload in bytes (default 1 GiB). */
		public Builder maxFileSize(long bytes) {
			this.settings = this.settings.withMaxFileSize(bytes, this.settings.fileTooLarge());
			return this;
		}

		/**
		 * The error for an upload above {@link #maxFileSize(long)} (default 400
		 * {@code CB_VA01}).
		 */
		public Builder fileTooLargeError(ErrorSpec error) {
			this.settings = this.settings.withMaxFileSize(this.settings.maxFileSize(), error);
			return this;
		}

		/**
		 * The error for attaching an upload key twice (default 400 {@code GAIA_IF02}).
		 */
		public Builder uploadKeyReusedError(ErrorSpec error) {
			this.settings = this.settings.withUploadKeyReused(error);
			return this;
		}

		/** The HTTP status of {@code GAIA_IF02} (default 400). */
		public Builder foreignFileKeyStatus(int status) {
			this.settings = this.settings.withForeignFileKey(this.settings.foreignFileKey().withStatus(status));
			return this;
		}

		/** The HTTP status of {@code GAIA_RE20} (default 404). */
		public Builder updateKeyNotFoundStatus(int status) {
			this.settings = this.settings.withUpdateKeyNotFound(this.settings.updateKeyNotFound().withStatus(status));
			return this;
		}

		/**
		 * Forces the HTTP status of one kintone error code, e.g.
		 * {@code errorStatus("CB_IJ01", 520)} for a status kintone-api.md marks
		 * UNCONFIRMED.
		 */
		public Builder errorStatus(String code, int status) {
			this.settings = this.settings.withStatus(code, status);
			return this;
		}

		/** How long an unattached upload key lives (default 3 days on the clock). */
		public Builder uploadKeyLifetime(Duration lifetime) {
			this.settings = this.settings.withUploadKeyLifetime(lifetime);
			return this;
		}

		/**
		 * Live cursors per domain and their sliding lifetime (defaults 10 and 10
		 * minutes).
		 */
		public Builder cursors(int max, Duration lifetime) {
			this.settings = this.settings.withCursors(max, lifetime);
			return this;
		}

		/**
		 * Latency, bandwidth cap and transient faults to inject (default none); see
		 * {@link FaultSettings}.
		 */
		public Builder faults(FaultSettings faults) {
			this.faults = faults;
			return this;
		}

		/**
		 * A filter every kintone request passes after the built-in ones (and after fault
		 * injection).
		 */
		public Builder requestFilter(Filter filter) {
			this.filters.add(filter);
			return this;
		}

		/**
		 * How many requests {@link KintoneEmulator#requestLog()} keeps (default 100,000).
		 */
		public Builder requestLogCapacity(int capacity) {
			this.requestLogCapacity = capacity;
			return this;
		}

		public KintoneEmulator start() {
			KintoneEmulator emulator;
			try {
				emulator = new KintoneEmulator(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot create the emulator data directory", ex);
			}
			try {
				emulator.server.start();
			}
			catch (RuntimeException ex) {
				emulator.close();
				throw ex;
			}
			return emulator;
		}

	}

}
