package io.kintonemigrator.kintone.okhttp;

import io.kintonemigrator.kintone.KintoneLimits;
import static io.kintonemigrator.kintone.KintoneLimits.RECORDS_PER_READ;
import static io.kintonemigrator.kintone.KintoneLimits.RECORDS_PER_UPDATE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileBuffer;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.UpdatedRecord;
import io.kintonemigrator.kintone.okhttp.ConcurrencyHeaderInterceptor.DomainReports;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KintoneClient} over OkHttp. Each method is one HTTP exchange; nothing is retried
 * here. JSON answers are parsed from the stream; file bodies go straight from the socket
 * to disk through a SHA-256 hashing sink and are never buffered whole. Every
 * {@link Response} is closed before a method returns. Thread-safe.
 */
final class OkHttpKintoneClient implements KintoneClient {

	private static final Logger log = LoggerFactory.getLogger(OkHttpKintoneClient.class);

	/**
	 * Above this URL length a GET goes as POST + {@code X-HTTP-Method-Override: GET} (as
	 * kintone's js-sdk does).
	 */
	static final int MAX_GET_URL_LENGTH = 4096;

	/** Records per {@code PUT records.json} (kintone's limit). */

	/**
	 * Records per {@link #updateRecords}: 20 sub-requests (kintone's limit per bulk
	 * request) of 100 records.
	 */
	static final int MAX_UPDATES = KintoneLimits.REQUESTS_PER_BULK * RECORDS_PER_UPDATE;

	private final OkHttpClient http;

	private final KintoneUrls urls;

	private final AppId app;

	private final KintoneJson json;

	private final KintoneErrorMapper errors;

	private final JsonCalls calls;

	private final DomainReports concurrency;

	OkHttpKintoneClient(OkHttpClient http, KintoneUrls urls, AppId app, KintoneJson json, KintoneErrorMapper errors,
			DomainReports concurrency) {
		this.http = http;
		this.urls = urls;
		this.app = app;
		this.json = json;
		this.errors = errors;
		this.calls = new JsonCalls(http, json, errors);
		this.concurrency = concurrency;
	}

	@Override
	public AppId app() {
		return app;
	}

	@Override
	public AppInfo appInfo() {
		HttpUrl url = urls.api("app.json").addQueryParameter("id", app.toString()).build();
		return calls.execute("get app " + app, new Request.Builder().url(url).get().build(), json::appInfo);
	}

	@Override
	public FormFields formFields() {
		HttpUrl url = urls.api("app/form/fields.json").addQueryParameter("app", app.toString()).build();
		return calls.execute("get form fields of app " + app, new Request.Builder().url(url).get().build(),
				json::formFields);
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		if (limit < 1 || limit > RECORDS_PER_READ) {
			throw new IllegalArgumentException("limit must be 1.." + RECORDS_PER_READ + ", was " + limit);
		}
		String query = KintoneQueries.keysetPage(afterId, limit, extraQuery);
		return getRecords("get records after $id " + afterId + " of app " + app, query, fields);
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		HttpUrl url = urls.api("records.json")
			.addQueryParameter("app", app.toString())
			.addQueryParameter("query", KintoneQueries.afterId(afterId, extraQuery) + " limit 1")
			.addQueryParameter("fields[0]", KintoneJson.ID)
			.addQueryParameter("totalCount", "true")
			.build();
		return calls.execute("count records after $id " + afterId + " of app " + app,
				new Request.Builder().url(url).get().build(), body -> {
					String total = body.path("totalCount").asString("");
					try {
						return Long.parseLong(total);
					}
					catch (NumberFormatException ex) {
						throw new KintoneJson.MalformedResponseException("totalCount is not a number: '" + total + "'");
					}
				});
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		if (keys.isEmpty()) {
			return List.of();
		}
		if (keys.size() > RECORDS_PER_READ) {
			throw new IllegalArgumentException("at most " + RECORDS_PER_READ + " keys per call, got " + keys.size());
		}
		String query = KintoneQueries.keyIn(keyField, keys);
		return getRecords("get " + keys.size() + " records by " + keyField + " of app " + app, query, fields);
	}

	private List<KintoneRecord> getRecords(String operation, String query, List<String> fields) {
		List<String> selected = KintoneQueries.withIdAndRevision(fields);
		HttpUrl.Builder url = urls.api("records.json")
			.addQueryParameter("app", app.toString())
			.addQueryParameter("query", query);
		for (int i = 0; i < selected.size(); i++) {
			url.addQueryParameter("fields[" + i + "]", selected.get(i));
		}
		HttpUrl getUrl = url.build();
		Request request;
		if (getUrl.toString().length() <= MAX_GET_URL_LENGTH) {
			request = new Request.Builder().url(getUrl).get().build();
		}
		else {
			var body = json.mapper().createObjectNode().put("app", app.value()).put("query", query);
			var array = body.putArray("fields");
			selected.forEach(array::add);
			request = new Request.Builder().url(urls.api("records.json").build())
				.header("X-HTTP-Method-Override", "GET")
				.post(calls.jsonBody(body))
				.build();
		}
		return calls.execute(operation, request, json::records);
	}

	@Override
	public KintoneRecord record(long id) {
		HttpUrl url = urls.api("record.json")
			.addQueryParameter("app", app.toString())
			.addQueryParameter("id", Long.toString(id))
			.build();
		return calls.execute("get record " + id + " of app " + app, new Request.Builder().url(url).get().build(),
				body -> json.record(body.path("record")));
	}

	/**
	 * Sent as one {@code POST bulkRequest.json} holding a {@code PUT records.json} per
	 * {@value KintoneLimits#RECORDS_PER_UPDATE} updates: kintone applies all of them or
	 * none, and does not count a bulk request against the app's daily quota. A failed
	 * sub-request is reported with its own status and code (a revision conflict stays a
	 * 409 {@code GAIA_CO02}).
	 */
	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		if (updates.isEmpty()) {
			return List.of();
		}
		if (updates.size() > MAX_UPDATES) {
			throw new IllegalArgumentException("at most " + MAX_UPDATES + " records per update, got " + updates.size());
		}
		Request request = new Request.Builder().url(urls.api("bulkRequest.json").build())
			.post(calls
				.jsonBody(json.bulkUpdateRecords(urls.path("records.json"), app.value(), updates, RECORDS_PER_UPDATE)))
			.build();
		return calls.execute("update " + updates.size() + " records of app " + app, request, json::bulkUpdatedRecords);
	}

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		String operation = "download file " + fileKey + " of app " + app;
		HttpUrl url = urls.api("file.json").addQueryParameter("fileKey", fileKey.value()).build();
		try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
			if (!response.isSuccessful()) {
				throw errors.toException(operation, response);
			}
			DownloadedFile saved = FileBodies.save(response, target);
			log.debug("downloaded {} bytes of {}", saved.size(), fileKey);
			return saved;
		}
		catch (FileBodies.LocalFileException ex) {
			target.discard();
			throw new UncheckedIOException(
					operation + " failed writing the local file " + target + " (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			target.discard();
			throw errors.toException(operation, ex);
		}
		catch (RuntimeException ex) {
			target.discard();
			throw ex;
		}
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		if (fileName.isBlank()) {
			throw new IllegalArgumentException("cannot upload " + source + ": the file name is blank");
		}
		Request request = new Request.Builder().url(urls.api("file.json").build())
			.post(FileBodies.uploadForm(source, fileName, contentType))
			.build();
		return calls.execute("upload file " + fileName + " for app " + app, request,
				body -> new FileKey(body.path("fileKey").asString("")));
	}

	@Override
	public DomainConcurrency domainConcurrency() {
		return concurrency.last();
	}

	/** Nothing to release: the connection pool belongs to the factory. */
	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "OkHttpKintoneClient[" + urls.authority() + ", app " + app + "]";
	}

}
