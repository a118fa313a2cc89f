package io.kintonemigrator.kintone;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A client that passes every operation to the client below it, each request through
 * {@link #around}, which a subclass implements to guard, meter or time it. Calls that
 * need no request (no keys to look up, no updates to send) go straight down.
 * {@link #close} closes the client below; a subclass that does not own it overrides it.
 */
public abstract class ForwardingKintoneClient implements KintoneClient {

	protected final KintoneClient delegate;

	protected ForwardingKintoneClient(KintoneClient delegate) {
		this.delegate = delegate;
	}

	/**
	 * Runs one request of the client below.
	 * @param request which kintone API it calls, and a description for messages
	 * @param call sends it
	 */
	protected abstract <T> T around(Request request, Supplier<T> call);

	@Override
	public AppId app() {
		return delegate.app();
	}

	@Override
	public AppInfo appInfo() {
		return around(new Request("app", "get app " + app()), delegate::appInfo);
	}

	@Override
	public FormFields formFields() {
		return around(new Request("app/form/fields", "get form fields of app " + app()), delegate::formFields);
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		return around(new Request("records", "get records after $id " + afterId + " of app " + app()),
				() -> delegate.recordsAfter(afterId, limit, fields, extraQuery));
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		return around(new Request("records", "count records after $id " + afterId + " of app " + app()),
				() -> delegate.countAfter(afterId, extraQuery));
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		if (keys.isEmpty()) {
			return delegate.recordsByKey(keyField, keys, fields);
		}
		return around(new Request("records", "get records by " + keyField + " of app " + app()),
				() -> delegate.recordsByKey(keyField, keys, fields));
	}

	@Override
	public KintoneRecord record(long id) {
		return around(new Request("record", "get record " + id + " of app " + app()), () -> delegate.record(id));
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		if (updates.isEmpty()) {
			return delegate.updateRecords(updates);
		}
		return around(new Request(DailyQuota.BULK_REQUEST, "update records of app " + app()),
				() -> delegate.updateRecords(updates));
	}

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		return around(new Request(DailyQuota.FILE, "download file " + fileKey),
				() -> delegate.download(fileKey, target));
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		return around(new Request(DailyQuota.FILE, "upload file " + fileName),
				() -> delegate.upload(source, fileName, contentType));
	}

	@Override
	public DomainConcurrency domainConcurrency() {
		return delegate.domainConcurrency();
	}

	@Override
	public void close() {
		delegate.close();
	}

	/**
	 * One request: {@code api} is the path between {@code v1/} and {@code .json} (as
	 * {@link DailyQuota#counts} takes it), {@code description} says what it does.
	 */
	public record Request(String api, String description) {

	}

}
