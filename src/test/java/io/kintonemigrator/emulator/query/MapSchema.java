package io.kintonemigrator.emulator.query;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kintonemigrator.emulator.model.FieldType;

import org.jspecify.annotations.Nullable;

/** A {@link QuerySchema} over a map, built fluently in tests. */
final class MapSchema implements QuerySchema {

	private final Map<String, Field> fields = new LinkedHashMap<>();

	MapSchema field(String code, FieldType type) {
		this.fields.put(code, new Field(code, type, false));
		return this;
	}

	MapSchema subtableField(String code, FieldType type) {
		this.fields.put(code, new Field(code, type, true));
		return this;
	}

	@Override
	public @Nullable Field field(String code) {
		return this.fields.get(code);
	}

	/**
	 * Every field type at the top level, a table with fields of its own, and the ja
	 * system field codes.
	 */
	static MapSchema japanese() {
		return common().field("レコード番号", FieldType.RECORD_NUMBER)
			.field("作成者", FieldType.CREATOR)
			.field("更新者", FieldType.MODIFIER)
			.field("作成日時", FieldType.CREATED_TIME)
			.field("更新日時", FieldType.UPDATED_TIME);
	}

	/** The same app in an English environment: only the system field codes differ. */
	static MapSchema english() {
		return common().field("Record_number", FieldType.RECORD_NUMBER)
			.field("Created_by", FieldType.CREATOR)
			.field("Updated_by", FieldType.MODIFIER)
			.field("Created_datetime", FieldType.CREATED_TIME)
			.field("Updated_datetime", FieldType.UPDATED_TIME);
	}

	private static MapSchema common() {
		return new MapSchema().field("文字列", FieldType.SINGLE_LINE_TEXT)
			.field("複数行", FieldType.MULTI_LINE_TEXT)
			.field("リッチ", FieldType.RICH_TEXT)
			.field("リンク", FieldType.LINK)
			.field("数値", FieldType.NUMBER)
			.field("日付", FieldType.DATE)
			.field("時刻", FieldType.TIME)
			.field("日時", FieldType.DATETIME)
			.field("添付", FieldType.FILE)
			.field("選択", FieldType.DROP_DOWN)
			.field("ラジオ", FieldType.RADIO_BUTTON)
			.field("チェック", FieldType.CHECK_BOX)
			.field("複数選択", FieldType.MULTI_SELECT)
			.field("明細", FieldType.SUBTABLE)
			.subtableField("数量", FieldType.NUMBER)
			.subtableField("品名", FieldType.SINGLE_LINE_TEXT)
			.subtableField("納期", FieldType.DATE)
			.subtableField("明細添付", FieldType.FILE)
			.subtableField("区分", FieldType.DROP_DOWN);
	}

}
