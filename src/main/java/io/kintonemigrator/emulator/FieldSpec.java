package io.kintonemigrator.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;

/**
 * A field of a seeded app's form, e.g.
 * {@code FieldSpec.singleLineText("legacy_id").unique()} or
 * {@code FieldSpec.subtable("items", FieldSpec.singleLineText("item_no"), FieldSpec.file("drawing"))}.
 * Immutable: every modifier returns a new spec. The label defaults to the code.
 */
public final class FieldSpec {

	private final String code;

	private final String label;

	private final FieldType type;

	private final boolean required;

	private final boolean unique;

	private final List<String> options;

	private final List<FieldSpec> fields;

	private FieldSpec(String code, String label, FieldType type, boolean required, boolean unique, List<String> options,
			List<FieldSpec> fields) {
		this.code = code;
		this.label = label;
		this.type = type;
		this.required = required;
		this.unique = unique;
		this.options = List.copyOf(options);
		this.fields = List.copyOf(fields);
	}

	public static FieldSpec of(String code, FieldType type) {
		return new FieldSpec(code, code, type, false, false, List.of(), List.of());
	}

	public static FieldSpec singleLineText(String code) {
		return of(code, FieldType.SINGLE_LINE_TEXT);
	}

	public static FieldSpec number(String code) {
		return of(code, FieldType.NUMBER);
	}

	public static FieldSpec multiLineText(String code) {
		return of(code, FieldType.MULTI_LINE_TEXT);
	}

	public static FieldSpec richText(String code) {
		return of(code, FieldType.RICH_TEXT);
	}

	public static FieldSpec date(String code) {
		return of(code, FieldType.DATE);
	}

	public static FieldSpec dateTime(String code) {
		return of(code, FieldType.DATETIME);
	}

	public static FieldSpec link(String code) {
		return of(code, FieldType.LINK);
	}

	public static FieldSpec dropDown(String code, String... options) {
		return new FieldSpec(code, code, FieldType.DROP_DOWN, false, false, List.of(options), List.of());
	}

	public static FieldSpec radioButton(String code, String... options) {
		return new FieldSpec(code, code, FieldType.RADIO_BUTTON, false, false, List.of(options), List.of());
	}

	public static FieldSpec checkBox(String code, String... options) {
		return new FieldSpec(code, code, FieldType.CHECK_BOX, false, false, List.of(options), List.of());
	}

	public static FieldSpec multiSelect(String code, String... options) {
		return new FieldSpec(code, code, FieldType.MULTI_SELECT, false, false, List.of(options), List.of());
	}

	public static FieldSpec file(String code) {
		return of(code, FieldType.FILE);
	}

	public static FieldSpec subtable(String code, FieldSpec... fields) {
		return new FieldSpec(code, code, FieldType.SUBTABLE, false, false, List.of(), List.of(fields));
	}

	/** Prohibit duplicate values (重複禁止); SINGLE_LINE_TEXT, NUMBER and LINK only. */
	public FieldSpec unique() {
		return new FieldSpec(this.code, this.label, this.type, this.required, true, this.options, this.fields);
	}

	public FieldSpec required() {
		return new FieldSpec(this.code, this.label, this.type, true, this.unique, this.options, this.fields);
	}

	public FieldSpec label(String newLabel) {
		return new FieldSpec(this.code, newLabel, this.type, this.required, this.unique, this.options, this.fields);
	}

	public String code() {
		return this.code;
	}

	/**
	 * The form definition; throws {@link IllegalArgumentException} naming the field if it
	 * is inconsistent.
	 */
	public FieldDefinition toDefinition() {
		Map<String, FieldDefinition> inner = new LinkedHashMap<>();
		for (FieldSpec field : this.fields) {
			if (inner.put(field.code, field.toDefinition()) != null) {
				throw new IllegalArgumentException("SUBTABLE '" + this.code + "' has two fields '" + field.code + "'");
			}
		}
		return new FieldDefinition(this.code, this.label, this.type, this.required, this.unique, this.options, inner);
	}

}
