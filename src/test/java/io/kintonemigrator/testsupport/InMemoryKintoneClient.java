package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.kintonemigrator.kintone.DomainConcurrency;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileBuffer;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.UpdatedRecord;

import org.jspecify.annotations.Nullable;

/**
 * A hand-written in-memory {@link KintoneClient} for unit tests where a real server is
 * not the point (reader paging, transfer temp-file handling, the writer's decisions).
 * Supports paging, lookups, bulk updates with kintone's revision and FILE rules,
 * downloads and uploads (a client is one app; pass the target client to uploads and
 * updates). Job-level tests use the emulator over HTTP instead.
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

	private @Nullable FormFields form;

	public InMemoryKintoneClient form(FormFields form) {
		this.form = form;
		return this;
	}

	@Override
	public FormFields formFields() {
		if (form == null) {
			// an app without a form behaves like one the token does not open
			throw new KintoneApiException("form fields", 400, "GAIA_IA02", "x",
					"The specified API token does not match the API token generated via an app.", Map.of(), false,
					null);
		}
		return form;
	}

	@Override
	public synchronized List<KintoneRecord> recordsAfter(long afterId, int limit, List<String> fields,
			@Nullable String extraQuery) {
		pageRequests.add("after=" + afterId + " limit=" + limit + " fields=" + fields + " query=" + extraQuery);
		return records.tailMap(afterId, false).values().stream().limit(limit).toList();
	}

	@Override
	public synchronized long countAfter(long afterId, @Nullable String extraQuery) {
		return records.tailMap(afterId, false).size();
	}

	public final List<String> updateRequests = new ArrayList<>();

	public final AtomicInteger lookups = new AtomicInteger();

	private final AtomicInteger recordKeyCounter = new AtomicInteger();

	/**
	 * Runs before each bulk update is applied (a test may edit a record here to cause a
	 * conflict).
	 */
	public Consumer<List<RecordUpdate>> beforeUpdate = updates -> {
	};

	@Override
	public synchronized List<KintoneRecord> recordsByKey(String keyField, Collection<String> keys,
			List<String> fields) {
		lookups.incrementAndGet();
		return records.values().stream().filter(record -> {
			String value = "$id".equals(keyField) ? Long.toString(record.id())
					: record.fields().get(keyField) instanceof FieldValue.Plain p ? String.valueOf(p.value()) : null;
			return keys.contains(value);
		}).toList();
	}

	public synchronized KintoneRecord stored(long id) {
		return records.get(id);
	}

	public synchronized byte[] content(FileKey downloadKey) {
		return files.get(downloadKey.value());
	}

	/**
	 * Applies updates with kintone's rules: revision check, FILE lists replaced, subtable
	 * rows merged by id.
	 */
	@Override
	public synchronized List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		beforeUpdate.accept(updates);
		updateRequests.add(updates.toString());
		for (RecordUpdate update : updates) {
			KintoneRecord current = records.get(((RecordUpdate.RecordSelector.ById) update.selector()).id());
			if (current == null) {
				throw new KintoneApiException("update", 404, "GAIA_RE01", "x", "record not found", Map.of(), false,
						null);
			}
			if (update.revision() != null && update.revision() != current.revision()) {
				throw new KintoneApiException("update", 409, "GAIA_CO02", "x", "The revision is not the latest.",
						Map.of(), false, null);
			}
		}
		List<UpdatedRecord> result = new ArrayList<>();
		for (RecordUpdate update : updates) {
			KintoneRecord current = records.get(((RecordUpdate.RecordSelector.ById) update.selector()).id());
			Map<String, FieldValue> fields = new LinkedHashMap<>(current.fields());
			update.fields().forEach((code, value) -> fields.put(code, apply(current.fields().get(code), value)));
			KintoneRecord next = new KintoneRecord(current.id(), current.revision() + 1, fields);
			records.put(next.id(), next);
			result.add(new UpdatedRecord(next.id(), next.revision()));
		}
		return result;
	}

	/**
	 * A user's edit through the API: replaces a record's fields and moves its revision.
	 */
	public synchronized void edit(long id, String code, FieldValue value) {
		KintoneRecord current = records.get(id);
		Map<String, FieldValue> fields = new LinkedHashMap<>(current.fields());
		fields.put(code, value);
		records.put(id, new KintoneRecord(id, current.revision() + 1, fields));
	}

	private FieldValue apply(@Nullable FieldValue current, FieldUpdate update) {
		if (update instanceof FieldUpdate.Files f) {
			List<FileInfo> existing = current instanceof FieldValue.Files cf ? cf.files() : List.of();
			return new FieldValue.Files(f.fileKeys().stream().map(key -> attach(key, existing)).toList());
		}
		if (update instanceof FieldUpdate.Subtable t) {
			List<FieldValue.SubtableRow> rows = current instanceof FieldValue.Subtable ct ? ct.rows() : List.of();
			List<FieldValue.SubtableRow> next = new ArrayList<>();
			for (FieldUpdate.Row row : t.rows()) {
				FieldValue.SubtableRow old = rows.stream()
					.filter(r -> r.id().equals(row.id()))
					.findFirst()
					.orElse(null);
				Map<String, FieldValue> fields = new LinkedHashMap<>(old == null ? Map.of() : old.fields());
				row.fields().forEach((code, value) -> fields.put(code, apply(fields.get(code), value)));
				next.add(new FieldValue.SubtableRow(old == null ? "r" + recordKeyCounter.incrementAndGet() : old.id(),
						fields));
			}
			return new FieldValue.Subtable(next);
		}
		Object value = ((FieldUpdate.Plain) update).value();
		return new FieldValue.Plain(current == null ? "SINGLE_LINE_TEXT" : current.type(), value);
	}

	private FileInfo attach(FileKey key, List<FileInfo> existing) {
		for (FileInfo file : existing) {
			if (file.fileKey().equals(key)) {
				return file;
			}
		}
		byte[] content = uploads.remove(key.value());
		if (content == null) {
			throw new KintoneApiException("update", 400, "GAIA_IF02", "x", "fileKey " + key + " invalid", Map.of(),
					false, null);
		}
		String recordKey = "rec-" + recordKeyCounter.incrementAndGet();
		files.put(recordKey, content);
		return new FileInfo(new FileKey(recordKey), uploadNames.get(key.value()), "application/octet-stream",
				content.length);
	}

	@Override
	public synchronized KintoneRecord record(long id) {
		KintoneRecord record = records.get(id);
		if (record == null) {
			throw new KintoneApiException("get record " + id, 404, "GAIA_RE01", "x", "The specified record not found.",
					Map.of(), false, null);
		}
		return record;
	}

	/** Removes a record, as a user deleting it would. */
	public synchronized void delete(long id) {
		records.remove(id);
	}

	/** Downloads asked for, found or not. */
	public final AtomicInteger downloads = new AtomicInteger();

	@Override
	public DownloadedFile download(FileKey fileKey, FileBuffer target) {
		downloads.incrementAndGet();
		byte[] content = files.get(fileKey.value());
		if (content == null) {
			throw new KintoneApiException("download", 404, "GAIA_BL01", "x", "The specified file not found.", Map.of(),
					false, null);
		}
		try (WritableByteChannel out = target.overwrite()) {
			ByteBuffer bytes = ByteBuffer.wrap(content);
			while (bytes.hasRemaining()) {
				out.write(bytes);
			}
			return new DownloadedFile("application/octet-stream", content.length, Sha256.hex(content));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Uploads made so far. */
	public int uploadCount() {
		return uploadCounter.get();
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		try {
			String key = "upload-" + uploadCounter.incrementAndGet();
			uploads.put(key, readAll(source));
			uploadNames.put(key, fileName);
			return new FileKey(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readAll(FileBuffer source) throws IOException {
		try (InputStream in = Channels.newInputStream(source.read())) {
			return in.readAllBytes();
		}
	}

	@Override
	public DomainConcurrency domainConcurrency() {
		return DomainConcurrency.UNKNOWN;
	}

	@Override
	public void close() {
	}

}
