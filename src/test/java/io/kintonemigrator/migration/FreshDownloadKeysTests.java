package io.kintonemigrator.migration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshDownloadKeysTests {

	private static final FileMapping TOP = new FileMapping(FieldPath.parse("attachments"), FieldPath.parse("documents"),
			null);

	private static final FileMapping ROWS = new FileMapping(FieldPath.parse("items.drawing"),
			FieldPath.parse("lines.drawing"), null);

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	private final FreshDownloadKeys freshKeys = new FreshDownloadKeys(source);

	@Test
	void findsTheSameTopLevelAttachmentWithTheKeyTheRecordHasNow() {
		source.record(record(7, Map.of("attachments", files(file("new-a", "a.pdf", 10), file("new-b", "b.pdf", 20)))));

		FileInfo fresh = freshKeys.refresh(attachment(TOP, null, 1, file("old-b", "b.pdf", 20)));

		assertThat(fresh.fileKey()).isEqualTo(new FileKey("new-b"));
	}

	@Test
	void findsAnAttachmentInItsSubtableRowById() {
		FieldValue.Subtable rows = new FieldValue.Subtable(
				List.of(new FieldValue.SubtableRow("31", Map.of("drawing", files(file("k31", "d.png", 5)))),
						new FieldValue.SubtableRow("32", Map.of("drawing", files(file("k32", "d.png", 5))))));
		source.record(record(7, Map.of("items", rows)));

		assertThat(freshKeys.refresh(attachment(ROWS, "32", 0, file("old", "d.png", 5))).fileKey())
			.isEqualTo(new FileKey("k32"));
	}

	@Test
	void aDeletedRecordIsSaidInWords() {
		assertThatThrownBy(() -> freshKeys.refresh(attachment(TOP, null, 0, file("old", "a.pdf", 10))))
			.isInstanceOf(FreshDownloadKeys.AttachmentGoneException.class)
			.hasMessage("source record 7 was deleted during the migration");
	}

	@Test
	void anAttachmentReplacedOrRemovedMeanwhileIsNotTakenForTheSame() {
		source.record(record(7, Map.of("attachments", files(file("new", "other.pdf", 10)))));

		assertThatThrownBy(() -> freshKeys.refresh(attachment(TOP, null, 0, file("old", "a.pdf", 10))))
			.isInstanceOf(FreshDownloadKeys.AttachmentGoneException.class)
			.hasMessage("'a.pdf' was removed from attachments of source record 7 during the migration");
		assertThatThrownBy(() -> freshKeys.refresh(attachment(TOP, null, 1, file("old", "other.pdf", 10))))
			.isInstanceOf(FreshDownloadKeys.AttachmentGoneException.class);
	}

	@Test
	void onlyA404FileNotFoundIsAStaleKey() {
		assertThat(FreshDownloadKeys.isStaleKey(apiError(404, "GAIA_BL01"))).isTrue();
		assertThat(FreshDownloadKeys.isStaleKey(new CompletionException(apiError(404, "GAIA_BL01")))).isTrue();
		assertThat(FreshDownloadKeys.isStaleKey(apiError(404, "GAIA_RE01"))).isFalse();
		assertThat(FreshDownloadKeys.isStaleKey(apiError(403, "GAIA_NO01"))).isFalse();
	}

	private static KintoneApiException apiError(int status, String code) {
		return new KintoneApiException("download", status, code, "x", "m", Map.of(), false, null);
	}

	private static SourceAttachment attachment(FileMapping mapping, String rowId, int index, FileInfo file) {
		return new SourceAttachment(1, 7, mapping, rowId, rowId == null ? -1 : 0, null, index, 0, file);
	}

	private static KintoneRecord record(long id, Map<String, FieldValue> fields) {
		return new KintoneRecord(id, 3, fields);
	}

	private static FieldValue.Files files(FileInfo... files) {
		return new FieldValue.Files(List.of(files));
	}

	private static FileInfo file(String key, String name, long size) {
		return new FileInfo(new FileKey(key), name, "application/pdf", size);
	}

}
