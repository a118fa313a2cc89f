package io.kintonemigrator.emulator.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The behaviour switches of the emulator, mostly for what kintone-api.md marks
 * UNCONFIRMED. Immutable; change one value with the {@code with…} methods.
 *
 * @param concurrencyLimit requests in flight before 429 {@code GAIA_TO04} (kintone: 100
 * per domain)
 * @param legacyStatus520 answer the errors kintone used to send as HTTP 520 with 520
 * instead of 400
 * @param maxFileSize largest accepted upload in bytes (kintone: 1 GB)
 * @param fileTooLarge the error for a larger upload (UNCONFIRMED; default 400
 * {@code CB_VA01} on {@code file})
 * @param uploadKeyReused the error for attaching an upload key a second time
 * (UNCONFIRMED; default 400 {@code GAIA_IF02})
 * @param foreignFileKey the error for a FILE value naming a key that is neither a live
 * upload key nor a download key of the same field of the same record (default 400
 * {@code GAIA_IF02}, status UNCONFIRMED)
 * @param updateKeyNotFound the error when no record matches an {@code updateKey} (default
 * 404 {@code GAIA_RE20}, status UNCONFIRMED)
 * @param uploadKeyLifetime how long an unattached upload key lives (kintone: 3 days)
 * @param maxCursors live cursors per domain (kintone: 10)
 * @param cursorLifetime sliding lifetime of a cursor (kintone: 10 minutes)
 * @param statusOverrides HTTP status by kintone error code, for statuses kintone-api.md
 * marks UNCONFIRMED (e.g. {@code CB_IJ01}); wins over every other status rule
 * @param domainLanguage the language of error messages when {@code Accept-Language} names
 * neither Japanese nor English (kintone: the domain's language; default Japanese)
 */
public record ApiSettings(int concurrencyLimit, boolean legacyStatus520, long maxFileSize, ErrorSpec fileTooLarge,
		ErrorSpec uploadKeyReused, ErrorSpec foreignFileKey, ErrorSpec updateKeyNotFound, Duration uploadKeyLifetime,
		int maxCursors, Duration cursorLifetime, Map<String, Integer> statusOverrides, Language domainLanguage) {

	/** 1 GiB. */
	public static final long ONE_GIB = 1L << 30;

	public static final ErrorSpec DEFAULT_FILE_TOO_LARGE = new ErrorSpec("CB_VA01", 400, "入力内容が正しくありません。",
			"Missing or invalid input.");

	public ApiSettings {
		if (concurrencyLimit < 1) {
			throw new IllegalArgumentException("concurrency limit must be at least 1, got " + concurrencyLimit);
		}
		if (maxFileSize < 1) {
			throw new IllegalArgumentException("max file size must be positive, got " + maxFileSize);
		}
		if (maxCursors < 1) {
			throw new IllegalArgumentException("max cursors must be at least 1, got " + maxCursors);
		}
		statusOverrides = Map.copyOf(statusOverrides);
		Objects.requireNonNull(domainLanguage, "domainLanguage");
	}

	/** kintone's documented behaviour with the defaults described on each parameter. */
	public static ApiSettings defaults() {
		return new ApiSettings(100, false, ONE_GIB, DEFAULT_FILE_TOO_LARGE, KintoneErrors.INVALID_FILE_KEY,
				KintoneErrors.INVALID_FILE_KEY, KintoneErrors.UPDATE_KEY_NOT_FOUND, Duration.ofDays(3), 10,
				Duration.ofMinutes(10), Map.of(), Language.JA);
	}

	public ApiSettings withConcurrencyLimit(int limit) {
		return new ApiSettings(limit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge, this.uploadKeyReused,
				this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withLegacyStatus520(boolean legacy) {
		return new ApiSettings(this.concurrencyLimit, legacy, this.maxFileSize, this.fileTooLarge, this.uploadKeyReused,
				this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withMaxFileSize(long bytes, ErrorSpec error) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, bytes, error, this.uploadKeyReused,
				this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withUploadKeyReused(ErrorSpec error) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge, error,
				this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withForeignFileKey(ErrorSpec error) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, error, this.updateKeyNotFound, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withUpdateKeyNotFound(ErrorSpec error) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, this.foreignFileKey, error, this.uploadKeyLifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withUploadKeyLifetime(Duration lifetime) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, this.foreignFileKey, this.updateKeyNotFound, lifetime, this.maxCursors,
				this.cursorLifetime, this.statusOverrides, this.domainLanguage);
	}

	public ApiSettings withCursors(int max, Duration lifetime) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime, max,
				lifetime, this.statusOverrides, this.domainLanguage);
	}

	/**
	 * The same settings on a domain of another language (error messages without
	 * {@code Accept-Language}).
	 */
	public ApiSettings withDomainLanguage(Language language) {
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime,
				this.maxCursors, this.cursorLifetime, this.statusOverrides, language);
	}

	/** The same settings with the HTTP status of one error code forced. */
	public ApiSettings withStatus(String code, int status) {
		Map<String, Integer> overrides = new HashMap<>(this.statusOverrides);
		overrides.put(code, status);
		return new ApiSettings(this.concurrencyLimit, this.legacyStatus520, this.maxFileSize, this.fileTooLarge,
				this.uploadKeyReused, this.foreignFileKey, this.updateKeyNotFound, this.uploadKeyLifetime,
				this.maxCursors, this.cursorLifetime, overrides, this.domainLanguage);
	}

	/**
	 * The HTTP status to send for an error: an override, else 520 for legacy codes when
	 * switched on.
	 */
	public int statusOf(ErrorSpec spec) {
		Integer forced = this.statusOverrides.get(spec.code());
		if (forced != null) {
			return forced;
		}
		return (this.legacyStatus520 && spec.legacy520()) ? 520 : spec.status();
	}

}
