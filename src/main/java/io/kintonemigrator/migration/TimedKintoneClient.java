package io.kintonemigrator.migration;

import java.util.ArrayList;
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
 * Measures how long each call of another client takes, so {@code plan} can estimate with
 * the latency it saw itself. Calls that write are refused: the planner must never send
 * one. Does not close the client it wraps. Thread-safe.
 */
final class TimedKintoneClient implements KintoneClient {

	private final KintoneClient delegate;

	private final List<Long> nanos = new ArrayList<>();

	TimedKintoneClient(KintoneClient delegate) {
		this.delegate = delegate;
	}

	/** The durations measured so far, in nanoseconds. */
	synchronized List<Long> samples() {
		return List.copyOf(nanos);
	}

	private <T> T timed(Supplier<T> call) {
		long start = System.nanoTime();
		try {
			return call.get();
		}
		finally {
			long elapsed = System.nanoTime() - start;
			synchronized (this) {
				nanos.add(elapsed);
			}
		}
	}

	@Override
	public AppId app() {
		return delegate.app();
	}

	@Override
	public AppInfo appInfo() {
		return timed(delegate::appInfo);
	}

	@Override
	public FormFields formFields() {
		return timed(delegate::formFields);
	}

	@Override
	public List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields, @Nullable String extraQuery) {
		return timed(() -> delegate.recordsAfter(afterId, limit, fields, extraQuery));
	}

	@Override
	public long countAfter(long afterId, @Nullable String extraQuery) {
		return timed(() -> delegate.countAfter(afterId, extraQuery));
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		return timed(() -> delegate.recordsByKey(keyField, keys, fields));
	}

	@Override
	public KintoneRecord record(long id) {
		return timed(() -> delegate.record(id));
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		throw new UnsupportedOperationException("the planner writes nothing");
	}

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		return timed(() -> delegate.download(fileKey, target));
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		throw new UnsupportedOperationException("the planner writes nothing");
	}

	@Override
	public ApiUsage usage() {
		return delegate.usage();
	}

	@Override
	public void close() {
		// the caller closes the client it gave
	}

}
