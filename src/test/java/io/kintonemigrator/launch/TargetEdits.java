package io.kintonemigrator.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.MigrationApps;

/**
 * Edits attachments of the target app (app 2 of {@link MigrationApps}) the way a user
 * would: through the emulator's kintone REST API (uploads and record updates), to tamper
 * with what a migration left.
 */
public final class TargetEdits implements AutoCloseable {

	private final OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory();

	private final KintoneClient target;

	private final Path dir;

	public TargetEdits(KintoneEmulator emulator, Path dir) throws IOException {
		this.target = factory.open(KintoneConnection.withApiToken(emulator.baseUrl(), 2, MigrationApps.TARGET_TOKEN));
		this.dir = Files.createDirectories(dir);
	}

	/** Replaces the document named {@code name} with other bytes under the same name. */
	public void replaceDocument(long record, String name, byte[] bytes) throws IOException {
		FileKey upload = upload(name, bytes);
		editDocuments(record, files -> replace(files, name, upload));
	}

	/** Renames a document: the same bytes under another name. */
	public void renameDocument(long record, String name, String newName) throws IOException {
		FileInfo file = find(target.record(record).files("documents"), name);
		Path copy = dir.resolve("renamed-" + record);
		target.download(file.fileKey(), copy);
		FileKey upload = target.upload(copy, newName, file.contentType());
		editDocuments(record, files -> replace(files, name, upload));
	}

	public void removeDocument(long record, String name) {
		editDocuments(record, files -> {
			List<FileKey> keys = new ArrayList<>();
			files.stream().filter(f -> !f.name().equals(name)).forEach(f -> keys.add(f.fileKey()));
			return keys;
		});
	}

	public void addDocument(long record, String name, byte[] bytes) throws IOException {
		FileKey upload = upload(name, bytes);
		editDocuments(record, files -> {
			List<FileKey> keys = new ArrayList<>(files.stream().map(FileInfo::fileKey).toList());
			keys.add(upload);
			return keys;
		});
	}

	/**
	 * Empties the drawing of the {@code lines} row whose item_no is {@code itemNo},
	 * keeping every row.
	 */
	public void clearDrawing(long record, String itemNo) {
		KintoneRecord current = target.record(record);
		List<FieldUpdate.Row> rows = new ArrayList<>();
		for (FieldValue.SubtableRow row : current.rows("lines")) {
			Map<String, FieldUpdate> fields = new LinkedHashMap<>();
			Object item = ((FieldValue.Plain) row.fields().get("item_no")).value();
			fields.put("item_no", new FieldUpdate.Plain(item));
			fields.put("memo", new FieldUpdate.Plain(((FieldValue.Plain) row.fields().get("memo")).value()));
			List<FileKey> drawing = itemNo.equals(item) ? List.of()
					: ((FieldValue.Files) row.fields().get("drawing")).files().stream().map(FileInfo::fileKey).toList();
			fields.put("drawing", new FieldUpdate.Files(drawing));
			rows.add(new FieldUpdate.Row(row.id(), fields));
		}
		update(record, Map.of("lines", new FieldUpdate.Subtable(rows)));
	}

	private FileKey upload(String name, byte[] bytes) throws IOException {
		Path file = Files.write(dir.resolve("upload-" + System.nanoTime()), bytes);
		return target.upload(file, name, "application/octet-stream");
	}

	private void editDocuments(long record, java.util.function.Function<List<FileInfo>, List<FileKey>> edit) {
		List<FileKey> keys = edit.apply(target.record(record).files("documents"));
		update(record, Map.of("documents", new FieldUpdate.Files(keys)));
	}

	private void update(long record, Map<String, FieldUpdate> fields) {
		target.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(record), null, fields)));
	}

	private static List<FileKey> replace(List<FileInfo> files, String name, FileKey replacement) {
		List<FileKey> keys = new ArrayList<>();
		files.forEach(f -> keys.add(f.name().equals(name) ? replacement : f.fileKey()));
		return keys;
	}

	private static FileInfo find(List<FileInfo> files, String name) {
		return files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
	}

	@Override
	public void close() {
		target.close();
		factory.close();
	}

}
