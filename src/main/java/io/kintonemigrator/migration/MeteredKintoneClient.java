package io.kintonemigrator.migration;

import java.util.Collection;
import java.util.List;

import io.kintonemigrator.kintone.ApiUsage;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.DailyQuota;
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
 * Takes one request from the app's {@link AppRequestMeter} before each operation of the
 * client below it (each is one HTTP exchange) that kintone counts against the app's daily
 * quota ({@link DailyQuota}), and tallies the others (downloads, uploads, the bulk
 * request that carries record updates). Sits below the retry layer, so every attempt is
 * counted and a used-up budget stops the very request that would pass it. Thread-safe.
 */
final class MeteredKintoneClient implements KintoneClient {

	private final KintoneClient delegate;

	private final AppRequestMeter meter;

	MeteredKintoneClient(KintoneClient delegate, AppRequestMeter meter) {
		this.delegate = delegate;
		this.meter = meter;
	}

	@Override
	public AppId app() {
		return delegate.app();
	}

	@Override
	public AppInfo appInfo() {
		request("app");
		return delegate.appInfo();
	}

	@Override
	public FormFields formFields() {
		request("app/form/fields");
		return delegate.formFields();
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		request("records");
		return delegate.recordsAfter(afterId, limit, fields, extraQuery);
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		request("records");
		return delegate.countAfter(afterId, extraQuery);
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		if (keys.isEmpty()) {
			return delegate.recordsByKey(keyField, keys, fields); // answered without a
																	// request
		}
		request("records");
		return delegate.recordsByKey(keyField, keys, fields);
	}

	@Override
	public KintoneRecord record(long id) {
		request("record");
		return delegate.record(id);
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		if (!updates.isEmpty()) {
			request(DailyQuota.BULK_REQUEST);
		}
		return delegate.updateRecords(updates);
	}

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		request(DailyQuota.FILE);
		return delegate.download(fileKey, target);
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		request(DailyQuota.FILE);
		return delegate.upload(source, fileName, contentType);
	}

	@Override
	public ApiUsage usage() {
		return delegate.usage();
	}

	@Override
	public void close() {
		delegate.close();
	}

	/**
	 * Counts a request to {@code api} against the budget, or tallies it when kintone does
	 * not count it.
	 */
	private void request(String api) {
		if (DailyQuota.counts(api)) {
			meter.acquire();
		}
		else {
			meter.uncounted();
		}
	}

	@Override
	public String toString() {
		return "MeteredKintoneClient[" + meter.appKey() + ", " + delegate + "]";
	}

}
