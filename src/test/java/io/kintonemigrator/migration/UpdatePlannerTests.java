package io.kintonemigrator.migration;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig.FieldPath;
import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdatePlannerTests {

	private static final FileMapping DOCS = new FileMapping(FieldPath.parse("attachments"),
			FieldPath.parse("documents"), null);

	private static final FileMapping DRAWINGS_BY_KEY = new FileMapping(FieldPath.parse("items.drawing"),
			FieldPath.parse("lines.drawing"), "item_no");

	private static final FileMapping DRAWINGS_BY_POSITION = new FileMapping(FieldPath.parse("items.drawing"),
			FieldPath.parse("lines.drawing"), null);

	@Test
	void replaceSendsOnlyTheNewFiles() {
		KintoneRecord target = record(Map.of("documents", files(file("old", "old.pdf", 10))));

		RecordPlan plan = new UpdatePlanner(OnExisting.REPLACE).plan(target,
				changes(topLevel(0, "契約書.pdf", 100, "u1"), topLevel(1, "図面.pdf", 200, "u2")));

		assertThat(plan.update().revision()).isEqualTo(3L);
		assertThat(plan.update().selector()).isEqualTo(new RecordUpdate.RecordSelector.ById(70));
		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("u1", "u2")));
		assertThat(plan.planned()).extracting(RecordPlan.Planned::expectedCount).containsExactly(1, 1);
		assertThat(plan.skipped()).isEmpty();
	}

	@Test
	void appendResendsTheFieldsOwnKeysFirst() {
		KintoneRecord target = record(Map.of("documents", files(file("old", "契約書.pdf", 100))));

		RecordPlan plan = new UpdatePlanner(OnExisting.APPEND).plan(target, changes(topLevel(0, "契約書.pdf", 100, "u1")));

		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("old", "u1")));
		assertThat(plan.planned().get(0).expectedCount()).isEqualTo(2);
	}

	@Test
	void skipLeavesAFieldWithFilesAloneAndSaysWhy() {
		KintoneRecord target = record(Map.of("documents", files(file("old", "old.pdf", 10))));

		RecordPlan plan = new UpdatePlanner(OnExisting.SKIP).plan(target, changes(topLevel(0, "a.pdf", 1, "u1")));

		assertThat(plan.update()).isNull();
		assertThat(plan.skipped()).singleElement()
			.extracting(RecordPlan.Skipped::reason)
			.isEqualTo("target field documents already holds files (onExisting: skip)");
	}

	@Test
	void skipFillsAnEmptyField() {
		KintoneRecord target = record(Map.of("documents", files()));

		RecordPlan plan = new UpdatePlanner(OnExisting.SKIP).plan(target, changes(topLevel(0, "a.pdf", 1, "u1")));

		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("u1")));
	}

	@Test
	void aSubtableIsSentWholeWithEveryRowAndValueAndTheFileInTheRowWithTheSameKey() {
		KintoneRecord target = record(Map.of("lines",
				new FieldValue.Subtable(List.of(row("11", "A-1", "memo one", files(file("keep", "keep.png", 5))),
						row("12", "A-2", "memo two", files()), row("13", "A-3", "memo three", files())))));

		RecordPlan plan = new UpdatePlanner(OnExisting.APPEND).plan(target,
				changes(inRow(DRAWINGS_BY_KEY, "901", 0, "A-2", "d.png", "u1")));

		FieldUpdate.Subtable lines = (FieldUpdate.Subtable) plan.update().fields().get("lines");
		assertThat(lines.rows()).extracting(FieldUpdate.Row::id).containsExactly("11", "12", "13");
		assertThat(lines.rows().get(0).fields()).containsEntry("drawing", keys("keep"))
			.containsEntry("item_no", new FieldUpdate.Plain("A-1"))
			.containsEntry("memo", new FieldUpdate.Plain("memo one"))
			.doesNotContainKey("total");
		assertThat(lines.rows().get(1).fields()).containsEntry("drawing", keys("u1"))
			.containsEntry("memo", new FieldUpdate.Plain("memo two"));
		assertThat(lines.rows().get(2).fields()).containsEntry("drawing", keys());
	}

	@Test
	void aSourceRowWithoutPartnerBecomesANewRowCarryingItsKey() {
		KintoneRecord target = record(
				Map.of("lines", new FieldValue.Subtable(List.of(row("11", "A-1", "memo", files())))));

		RecordPlan plan = new UpdatePlanner(OnExisting.REPLACE).plan(target,
				changes(inRow(DRAWINGS_BY_KEY, "901", 0, "B-9", "d.png", "u1"),
						inRow(DRAWINGS_BY_KEY, "901", 0, "B-9", "e.png", "u2")));

		FieldUpdate.Subtable lines = (FieldUpdate.Subtable) plan.update().fields().get("lines");
		assertThat(lines.rows()).hasSize(2);
		assertThat(lines.rows().get(1).id()).isNull();
		assertThat(lines.rows().get(1).fields()).containsEntry("item_no", new FieldUpdate.Plain("B-9"))
			.containsEntry("drawing", keys("u1", "u2"));
	}

	@Test
	void withoutRowKeyRowsPairByPosition() {
		KintoneRecord target = record(Map.of("lines", new FieldValue.Subtable(
				List.of(row("11", "x", "m", files()), row("12", "y", "m", files(file("old", "o.png", 1)))))));

		RecordPlan plan = new UpdatePlanner(OnExisting.REPLACE).plan(target,
				changes(inRow(DRAWINGS_BY_POSITION, "902", 1, null, "d.png", "u1")));

		FieldUpdate.Subtable lines = (FieldUpdate.Subtable) plan.update().fields().get("lines");
		assertThat(lines.rows().get(0).fields()).containsEntry("drawing", keys());
		assertThat(lines.rows().get(1).fields()).containsEntry("drawing", keys("u1"));
	}

	@Test
	void theExpectedCountSpansTheWholeColumn() {
		KintoneRecord target = record(Map.of("lines", new FieldValue.Subtable(
				List.of(row("11", "A-1", "m", files(file("k", "d.png", 7))), row("12", "A-2", "m", files())))));

		RecordPlan plan = new UpdatePlanner(OnExisting.APPEND).plan(target,
				changes(inRow(DRAWINGS_BY_KEY, "901", 1, "A-2", "d.png", "u1")));

		assertThat(plan.planned().get(0).expectedCount()).isEqualTo(2);
		assertThat(UpdatePlanner.count(target, FieldPath.parse("lines.drawing"), "d.png", 7)).isEqualTo(1);
	}

	@Test
	void replaceKeepsTheOwnedCopiesThatStayInSourceOrderAndDropsEverythingElse() {
		KintoneRecord target = record(Map.of("documents",
				files(file("user", "user.pdf", 3), file("ownB", "b.pdf", 2), file("ownA", "a.pdf", 1))));
		SourceAttachment a = topLevel(0, "a.pdf", 1, "-").attachment();
		SourceAttachment b = topLevel(2, "b.pdf", 2, "-").attachment();

		RecordPlan plan = new UpdatePlanner(OnExisting.REPLACE).plan(target,
				new UpdatePlanner.Changes(List.of(topLevel(1, "n.pdf", 5, "u1")), List.of(a, b), List.of()));

		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("ownA", "u1", "ownB")));
		assertThat(plan.planned().get(0).expectedTotal()).isEqualTo(3);
	}

	@Test
	void appendTakesOffTheOwnedCopyOfAFileThatLeftTheSourceAndKeepsTheUsersFile() {
		KintoneRecord target = record(Map.of("documents",
				files(file("user", "a.pdf", 1), file("own", "a.pdf", 1), file("ownB", "b.pdf", 2))));
		SourceAttachment b = topLevel(0, "b.pdf", 2, "-").attachment();

		RecordPlan plan = new UpdatePlanner(OnExisting.APPEND).plan(target,
				new UpdatePlanner.Changes(List.of(), List.of(b), List.of(removal("documents", "a.pdf", 1))));

		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("own", "ownB")));
	}

	@Test
	void skipCountsOnlyTheUsersFilesAsFilesAlreadyThere() {
		KintoneRecord target = record(Map.of("documents", files(file("own", "a.pdf", 1))));
		SourceAttachment a = topLevel(0, "a.pdf", 1, "-").attachment();

		RecordPlan plan = new UpdatePlanner(OnExisting.SKIP).plan(target,
				new UpdatePlanner.Changes(List.of(topLevel(1, "n.pdf", 5, "u1")), List.of(a), List.of()));

		assertThat(plan.skipped()).isEmpty();
		assertThat(plan.update().fields()).containsExactly(Map.entry("documents", keys("own", "u1")));
	}

	@Test
	void anOwnedCopyInARowWhoseSourceRowIsGoneComesOff() {
		KintoneRecord target = record(
				Map.of("lines", new FieldValue.Subtable(List.of(row("11", "A-1", "m", files(file("user", "u.png", 7))),
						row("12", "A-2", "m", files(file("own", "d.png", 7)))))));

		RecordPlan plan = new UpdatePlanner(OnExisting.REPLACE).plan(target,
				new UpdatePlanner.Changes(List.of(), List.of(), List.of(removal("lines.drawing", "d.png", 7))));

		FieldUpdate.Subtable lines = (FieldUpdate.Subtable) plan.update().fields().get("lines");
		assertThat(lines.rows().get(0).fields()).containsEntry("drawing", keys("user"));
		assertThat(lines.rows().get(1).fields()).containsEntry("drawing", keys());
	}

	private static UpdatePlanner.Changes changes(PendingAttachment... pending) {
		return new UpdatePlanner.Changes(List.of(pending), List.of(), List.of());
	}

	private static LedgerEntry removal(String targetField, String name, long size) {
		return new LedgerEntry(new AttachmentRef(1, 7, "x", "", name, size, 0), 0, "k", null,
				new LedgerEntry.Target(null, 70L, targetField), null, LedgerStatus.ATTACHED, 0, null, "fp");
	}

	private static KintoneRecord record(Map<String, FieldValue> fields) {
		return new KintoneRecord(70, 3, fields);
	}

	private static FieldValue.SubtableRow row(String id, String itemNo, String memo, FieldValue.Files drawing) {
		return new FieldValue.SubtableRow(id,
				Map.of("item_no", new FieldValue.Plain("SINGLE_LINE_TEXT", itemNo), "memo",
						new FieldValue.Plain("MULTI_LINE_TEXT", memo), "total", new FieldValue.Plain("CALC", "12"),
						"drawing", drawing));
	}

	private static FieldValue.Files files(FileInfo... files) {
		return new FieldValue.Files(List.of(files));
	}

	private static FileInfo file(String key, String name, long size) {
		return new FileInfo(new FileKey(key), name, "application/octet-stream", size);
	}

	private static FieldUpdate.Files keys(String... keys) {
		return new FieldUpdate.Files(Arrays.stream(keys).map(FileKey::new).toList());
	}

	private static PendingAttachment topLevel(int index, String name, long size, String uploadKey) {
		SourceAttachment attachment = new SourceAttachment(1, 7, DOCS, null, -1, null, index, 0,
				file("src-" + index, name, size));
		return new PendingAttachment(attachment, new FileKey(uploadKey), Instant.EPOCH, null);
	}

	private static PendingAttachment inRow(FileMapping mapping, String rowId, int rowIndex, String rowKey, String name,
			String uploadKey) {
		SourceAttachment attachment = new SourceAttachment(1, 7, mapping, rowId, rowIndex, rowKey, 0, 0,
				file("src-" + uploadKey, name, 7));
		return new PendingAttachment(attachment, new FileKey(uploadKey), Instant.EPOCH, null);
	}

}
