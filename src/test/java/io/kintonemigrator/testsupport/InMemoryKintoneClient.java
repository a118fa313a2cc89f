package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.kintone.ApiUsage;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.UpdatedRecord;

import org.jspecify.annotations.Nullable;

/**
 * A hand-written in-memory {@link KintoneClient} for unit tests where a real server is not the
 * point (reader paging, transfer temp-file handling). Supports paging, downloads and uploads;
 * everything else fails loudly. Job-level tests use the emulator over HTTP instead.
 */
public class InMemoryKintoneClient implements KintoneClient {

	private final AppId app;

	private final TreeMap<Long, KintoneRecord> records = new TreeMap<>();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

	private final Map<String, String> uploadNames = new ConcurrentHashMap<>();

	private final AtomicInteger uploadCounter = new AtomicInteger();

	public final List<String> pageRequests = new ArrayList<>();

	public InMemoryKintoneClient(long app) {
		this.app = new AppId(app);
	}

	public InMemoryKintoneClient record(KintoneRecord record) {
		records.put(record.id(), record);
		return this;
	}

	public InMemoryKintoneClient file(String downloadKey, byte[] content) {
		files.put(downloadKey, content);
		return this;
	}

	public Optional<byte[]> uploaded(FileKey key) {
		return Optional.ofNullable(uploads.get(key.value()));
	}

	public @Nullable String uploadedName(FileKey key) {
		return uploadNames.get(key.value());
	}

	@Override
	public AppId app() {
		return app;
	}

	@Override
	public AppInfo appInfo() {
		return new AppInfo(app, "app " + app, null);
	}

	@Override
	public FormFields formFields() {
		throw new UnsupportedOperationException("not needed by these unit tests");
	}

	@Override
	public synchronized List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields,
			@Nullable String extraQuery) {
		pageRequests.add("after=" + afterId + " limit=" + limit + " fields=" + fields + " query=" + extraQuery);
		return records.tailMap(afterId, false).values().stream().limit(limit).toList();
	}

	@Override
	public List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys, List<String> fields) {
		throw new UnsupportedOperationException("not needed by these unit tests");
	}

	@Override
	public KintoneRecord record(long id) {
		throw new UnsupportedOperationException("not needed by these unit tests");
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		throw new UnsupportedOperationException("not needed by these unit tests");
	}

	@Override
	public DownloadedFile download(FileKey fileKey, Path target) {
		byte[] content = files.get(fileKey.value());
		if (content == null) {
			throw new KintoneApiException("download", 404, "GAIA_BL01", "x", "The specified file not found.", Map.of(),
					false, null);
		}
		try {
			Files.write(target, content);
			return new DownloadedFile("application/octet-stream", content.length,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public FileKey upload(Path source, String fileName, String contentType) {
		try {
			String key = "upload-" + uploadCounter.incrementAndGet();
			uploads.put(key, Files.readAllBytes(source));
			uploadNames.put(key, fileName);
			return new FileKey(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public ApiUsage usage() {
		return new ApiUsage(app, java.time.LocalDate.EPOCH, 0, -1, -1);
	}

	@Override
	public void close() {
	}

}
