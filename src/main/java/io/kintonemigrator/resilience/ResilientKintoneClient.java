package io.kintonemigrator.resilience;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.kintonemigrator.kintone.ApiUsage;
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
import org.jspecify.annotations.Nullable;

/**
 * A {@link KintoneClient} whose every operation runs whole inside its domain's
 * Retry(CircuitBreaker(BusyDomainRetry(RateLimiter(AdaptiveConcurrencyLimit(call)))));
 * each attempt's {@link KintoneClient#usage()} tells the limit how busy the domain is. A
 * retried download writes {@code target} again from the first byte; a retried upload
 * re-opens {@code source} and sends a new request; a retried update is sent again as it
 * was (its revision check makes a repeat after a lost answer fail with {@code GAIA_CO02}
 * instead of writing twice).
 *
 * <p>
 * Failures that retrying cannot fix are thrown after the first attempt; transient ones
 * after the last attempt (the last failure is thrown); a 429 once {@code maxBusyWait} has
 * passed. When the client's own limits refuse a call (open circuit, no slot or permit in
 * time) a {@link io.kintonemigrator.kintone.KintoneRejectedException} is thrown.
 * Thread-safe.
 */
public final class ResilientKintoneClient implements KintoneClient {

	private final KintoneClient delegate;

	private final DomainGuard guard;

	ResilientKintoneClient(KintoneClient delegate, DomainGuard guard) {
		this.delegate = delegate;
		this.guard = guard;
	}

	@Override
	public AppId app() {
		return delegate.app();
	}

	@Override
	public AppInfo appInfo() {
		return guarded("get app " + app(), delegate::appInfo);
	}

	@Override
	public FormFields formFields() {
		return guarded("get form fields of app " + app(), delegate::formFields);
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		return guarded("get records after $id " + afterId + " of app " + app(),
				() -> delegate.recordsAfter(afterId, limit, fields, extraQuery));
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		return guarded("count records after $id " + afterId + " of app " + app(),
				() -> delegate.countAfter(afterId, extraQuery));
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		return guarded("get records by " + keyField + " of app " + app(),
				() -> delegate.recordsByKey(keyField, keys, fields));
	}

	@Override
	public KintoneRecord record(long id) {
		return guarded("get record " + id + " of app " + app(), () -> delegate.record(id));
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		return guarded("update records of app " + app(), () -> delegate.updateRecords(updates));
	}

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		return guarded("download file " + fileKey, () -> delegate.download(fileKey, target));
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		return guarded("upload file " + fileName, () -> delegate.upload(source, fileName, contentType));
	}

	private <T> T guarded(String operation, Supplier<T> call) {
		return guard.call(operation, call, delegate::usage);
	}

	@Override
	public ApiUsage usage() {
		return delegate.usage();
	}

	@Override
	public void close() {
		delegate.close();
	}

	@Override
	public String toString() {
		return "ResilientKintoneClient[" + guard.domain() + ", " + delegate + "]";
	}

}
