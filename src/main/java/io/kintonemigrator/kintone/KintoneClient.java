package io.kintonemigrator.kintone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One kintone app on one domain, reached with one set of credentials.
 *
 * <p>
 * Every method is one logical kintone operation. Implementations map any non-2xx answer
 * to a {@link KintoneApiException} and any transport failure to a
 * {@link KintoneTransportException}; nothing above this interface sees HTTP types.
 * Implementations are thread-safe.
 *
 * <p>
 * Retry is not this interface's business: the resilience layer decorates a whole
 * operation, so a retried {@link #download} or {@link #upload} starts again from the
 * first byte.
 */
public interface KintoneClient extends AutoCloseable {

	/** The app this client talks to. */
	AppId app();

	/** {@code GET app.json}. */
	AppInfo appInfo();

	/** {@code GET app/form/fields.json}, with SUBTABLE fields nested. */
	FormFields formFields();

	/**
	 * One keyset page:
	 * {@code (extraQuery) and $id > afterId order by $id asc limit limit}.
	 * @param afterId records with a greater {@code $id} are returned; 0 for the first
	 * page
	 * @param limit 1..500
	 * @param fields field codes to return; empty for all fields ({@code $id} and
	 * {@code $revision} are always returned)
	 * @param extraQuery an optional kintone query condition (no
	 * {@code order by}/{@code limit})
	 */
	List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery);

	/**
	 * How many records {@link #recordsAfter} would page through: {@code GET records.json}
	 * with {@code (extraQuery) and $id > afterId}, {@code limit 1} and
	 * {@code totalCount=true} (one request; kintone documents it as slower than a plain
	 * read, so call it once, not per page).
	 */
	long countAfter(long afterId, @Nullable String extraQuery);

	/**
	 * Records whose {@code keyField} is one of {@code keys}
	 * ({@code keyField in ("k1", ...)}), at most 500 keys. {@code keyField} may be
	 * {@code $id}. A query that would make the URL too long is sent as POST with
	 * {@code X-HTTP-Method-Override: GET}.
	 */
	List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields);

	/**
	 * {@code GET record.json}; a missing record is a {@link KintoneApiException} with
	 * code {@code GAIA_RE01}.
	 */
	KintoneRecord record(long id);

	/**
	 * {@code PUT records.json} of at most 100 records each, wrapped in one
	 * {@code POST bulkRequest.json} (at most 20 of them): all or nothing, at most 2,000
	 * updates. kintone does not count a bulk request against the app's daily quota
	 * ({@link DailyQuota}). A refused update is a {@link KintoneApiException} with the
	 * failed sub-request's status and code (a revision conflict: 409 {@code GAIA_CO02}),
	 * and nothing of the call was applied.
	 * @return the new revision of each record, in request order
	 */
	List<UpdatedRecord> updateRecords(List<RecordUpdate> updates);

	/**
	 * Streams a file into {@code target} from its first byte, hashing it as it goes; a
	 * failed download leaves {@code target} {@linkplain FileBuffer#discard() discarded}.
	 * @throws java.io.UncheckedIOException when writing {@code target} fails (disk full,
	 * no permission, a memory buffer too small): a local problem, not kintone's, so it is
	 * no {@link KintoneException} and no retry is worth it
	 */
	DownloadedFile download(FileKey fileKey, FileBuffer target);

	/**
	 * {@link #download(FileKey, FileBuffer)} into the file {@code target} (created or
	 * replaced); the file is never held in memory. The caller owns {@code target} and
	 * deletes it.
	 */
	default DownloadedFile download(FileKey fileKey, Path target) {
		return download(fileKey, FileBuffer.of(target));
	}

	/**
	 * Streams {@code source} as a multipart upload (part {@code file}, the UTF-8
	 * {@code fileName}, {@code contentType}), read from its first byte each time the
	 * request is sent. The returned key is temporary: kintone deletes the file unless it
	 * is attached to a record within 3 days, and the key can be attached once.
	 */
	FileKey upload(FileBuffer source, String fileName, String contentType);

	/**
	 * {@link #upload(FileBuffer, String, String)} of the file {@code source}.
	 * @throws IllegalArgumentException if {@code source} is no readable file
	 */
	default FileKey upload(Path source, String fileName, String contentType) {
		if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
			throw new IllegalArgumentException("cannot upload " + source + ": not a readable file");
		}
		return upload(FileBuffer.of(source), fileName, contentType);
	}

	/**
	 * The domain's concurrency as its last answer to this client's transport reported it
	 * ({@link DomainConcurrency#UNKNOWN} where nothing reports it).
	 */
	DomainConcurrency domainConcurrency();

	/** Releases what this client holds; a shared HTTP client is not shut down. */
	@Override
	void close();

}
