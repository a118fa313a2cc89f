package io.kintonemigrator.emulator;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.api.ApiSettings;
import io.kintonemigrator.emulator.api.ErrorSpec;
import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.fault.FaultInjectionFilter;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.file.FileStorage;
import io.kintonemigrator.emulator.http.BasicAuthGate;
import io.kintonemigrator.emulator.http.EmulatorServer;
import io.kintonemigrator.emulator.http.TlsSettings;
import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.StatsRecorder;
import io.kintonemigrator.emulator.store.EmulatorStore;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link KintoneEmulator}; {@link #start()} wires its parts (data directory,
 * store, seeds, fault injection, request log, stats, Jetty server) and starts it. Made by
 * {@link KintoneEmulator#builder()}. Not thread-safe.
 */
public final class KintoneEmulatorBuilder {

	private int port;

	private Clock clock = Clock.systemUTC();

	private @Nullable Path dataDirectory;

	private final List<EmulatorSeed> seeds = new ArrayList<>();

	private ApiSettings settings = ApiSettings.defaults();

	private final List<Filter> filters = new ArrayList<>();

	private int requestLogCapacity = 100_000;

	private FaultSettings faults = FaultSettings.none();

	private @Nullable TlsSettings tls;

	private @Nullable BasicAuthGate basicAuth;

	KintoneEmulatorBuilder() {
	}

	/** The localhost port; 0 (the default) picks a free one. */
	public KintoneEmulatorBuilder port(int port) {
		this.port = port;
		return this;
	}

	/**
	 * The clock for upload-key expiry, cursor lifetime, record timestamps and kintone
	 * days.
	 */
	public KintoneEmulatorBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Where uploads and seeded files are stored; default a temporary directory deleted on
	 * close.
	 */
	public KintoneEmulatorBuilder dataDirectory(Path directory) {
		this.dataDirectory = directory;
		return this;
	}

	/**
	 * Users and apps to create at start; may be called more than once. A seed that names
	 * the domain's language sets it as {@link #domainLanguage(Language)} does.
	 */
	public KintoneEmulatorBuilder seed(EmulatorSeed seed) {
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
	public KintoneEmulatorBuilder domainLanguage(Language language) {
		this.settings = this.settings.withDomainLanguage(language);
		return this;
	}

	/** Requests in flight before 429 {@code GAIA_TO04}; kintone's is 100. */
	public KintoneEmulatorBuilder concurrencyLimit(int limit) {
		this.settings = this.settings.withConcurrencyLimit(limit);
		return this;
	}

	/** Answer the errors kintone-api.md lists as "(legacy 520)" with HTTP 520. */
	public KintoneEmulatorBuilder legacyStatus520(boolean legacy) {
		this.settings = this.settings.withLegacyStatus520(legacy);
		return this;
	}

	/** Largest accepted upload in bytes (default 1 GiB). */
	public KintoneEmulatorBuilder maxFileSize(long bytes) {
		this.settings = this.settings.withMaxFileSize(bytes, this.settings.fileTooLarge());
		return this;
	}

	/**
	 * The error for an upload above {@link #maxFileSize(long)} (default 400
	 * {@code CB_VA01}).
	 */
	public KintoneEmulatorBuilder fileTooLargeError(ErrorSpec error) {
		this.settings = this.settings.withMaxFileSize(this.settings.maxFileSize(), error);
		return this;
	}

	/**
	 * The error for attaching an upload key twice (default 400 {@code GAIA_IF02}).
	 */
	public KintoneEmulatorBuilder uploadKeyReusedError(ErrorSpec error) {
		this.settings = this.settings.withUploadKeyReused(error);
		return this;
	}

	/** The HTTP status of {@code GAIA_IF02} (default 400). */
	public KintoneEmulatorBuilder foreignFileKeyStatus(int status) {
		this.settings = this.settings.withForeignFileKey(this.settings.foreignFileKey().withStatus(status));
		return this;
	}

	/** The HTTP status of {@code GAIA_RE20} (default 404). */
	public KintoneEmulatorBuilder updateKeyNotFoundStatus(int status) {
		this.settings = this.settings.withUpdateKeyNotFound(this.settings.updateKeyNotFound().withStatus(status));
		return this;
	}

	/**
	 * Forces the HTTP status of one kintone error code, e.g.
	 * {@code errorStatus("CB_IJ01", 520)} for a status kintone-api.md marks UNCONFIRMED.
	 */
	public KintoneEmulatorBuilder errorStatus(String code, int status) {
		this.settings = this.settings.withStatus(code, status);
		return this;
	}

	/** How long an unattached upload key lives (default 3 days on the clock). */
	public KintoneEmulatorBuilder uploadKeyLifetime(Duration lifetime) {
		this.settings = this.settings.withUploadKeyLifetime(lifetime);
		return this;
	}

	/**
	 * Live cursors per domain and their sliding lifetime (defaults 10 and 10 minutes).
	 */
	public KintoneEmulatorBuilder cursors(int max, Duration lifetime) {
		this.settings = this.settings.withCursors(max, lifetime);
		return this;
	}

	/**
	 * Latency, bandwidth cap and transient faults to inject (default none); see
	 * {@link FaultSettings}.
	 */
	public KintoneEmulatorBuilder faults(FaultSettings faults) {
		this.faults = faults;
		return this;
	}

	/**
	 * A filter every kintone request passes after the built-in ones (and after fault
	 * injection).
	 */
	public KintoneEmulatorBuilder requestFilter(Filter filter) {
		this.filters.add(filter);
		return this;
	}

	/**
	 * HTTPS instead of HTTP, and a client certificate demanded if {@code tls} names the
	 * accepted ones (a Secure Access host).
	 */
	public KintoneEmulatorBuilder tls(TlsSettings tls) {
		this.tls = tls;
		return this;
	}

	/**
	 * Basic authentication in front of the domain: every kintone request needs
	 * {@code Authorization: Basic} of this user and password, or is answered 401 before
	 * kintone's own authentication (the request log shows it). The emulator's own
	 * endpoints stay open.
	 */
	public KintoneEmulatorBuilder basicAuth(String username, String password) {
		this.basicAuth = new BasicAuthGate(username, password);
		return this;
	}

	/**
	 * How many requests {@link KintoneEmulator#requestLog()} keeps (default 100,000).
	 */
	public KintoneEmulatorBuilder requestLogCapacity(int capacity) {
		this.requestLogCapacity = capacity;
		return this;
	}

	/**
	 * Starts the emulator; the caller closes it.
	 * @throws UncheckedIOException when the data directory cannot be created
	 * @throws IllegalArgumentException for a seed that does not fit
	 */
	public KintoneEmulator start() {
		DataDirectory directory = DataDirectory.create(this.dataDirectory);
		EmulatorStore store = new EmulatorStore(this.clock, new FileStorage(directory.path()),
				this.settings.uploadKeyLifetime());
		StatsRecorder stats = new StatsRecorder(this.clock);
		RequestLog requestLog = new RequestLog(this.requestLogCapacity);
		SeedLoader loader = new SeedLoader(store);
		this.seeds.forEach(loader::apply);
		FaultInjectionFilter faults = new FaultInjectionFilter(this.faults, this.settings);
		List<Filter> filters = new ArrayList<>();
		if (this.basicAuth != null) {
			filters.add(this.basicAuth);
		}
		filters.add(faults);
		filters.addAll(this.filters);
		EmulatorServer server = new EmulatorServer(this.port, this.tls, new ApiContext(store, this.settings), stats,
				requestLog, filters);
		KintoneEmulator emulator = new KintoneEmulator(server, store, this.settings, stats, requestLog, faults,
				directory);
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			emulator.close();
			throw ex;
		}
		return emulator;
	}

}
