package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import io.kintonemigrator.kintone.ApiUsage;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.UpdatedRecord;
import org.jspecify.annotations.Nullable;

/**
 * Takes one request from the app's {@link AppRequestMeter} before each operation of the client
 * below it (each is one HTTP exchange). Sits below the retry layer, so every attempt is counted and
 * a used-up budget stops the very request that would pass it. Thread-safe.
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
		meter.acquire();
		return delegate.appInfo();
	}

	@Override
	public FormFields formFields() {
		meter.acquire();
		return delegate.formFields();
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		meter.acquire();
		return delegate.recordsAfter(afterId, limit, fields, extraQuery);
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		meter.acquire();
		return delegate.countAfter(afterId, extraQuery);
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		if (keys.isEmpty()) {
			return delegate.recordsByKey(keyField, keys, fields); // answered without a request
		}
		meter.acquire();
		return delegate.recordsByKey(keyField, keys, fields);
	}

	@Override
	public KintoneRecord record(long id) {
		meter.acquire();
		return delegate.record(id);
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		if (!updates.isEmpty()) {
			meter.acquire();
		}
		return delegate.updateRecords(updates);
	}

	@Override
	public DownloadedFile download(FileKey fileKey, Path target) {
		meter.acquire();
		return delegate.download(fileKey, target);
	}

	@Override
	public FileKey upload(Path source, String fileName, String contentType) {
		meter.acquire();
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

	@Override
	public String toString() {
		return "MeteredKintoneClient[" + meter.appKey() + ", " + delegate + "]";
	}

}
