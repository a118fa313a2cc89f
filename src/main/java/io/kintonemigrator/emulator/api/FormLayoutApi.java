package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET app/form/layout.json?app=}: {@code {layout, revision}} with one {@code ROW}
 * per top-level field in form order and one {@code SUBTABLE} element per table, as
 * kintone's official Get Form Layout API shapes it. Not in kintone-api.md: the official
 * kintone CLI's record export reads it to order its CSV columns, so the emulator serves
 * the simplest layout (no groups, labels or spacers; system fields left off the form).
 */
final class FormLayoutApi implements JsonApi {

	private static final String DEFAULT_WIDTH = "193";

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireAppSettingsReadable(call.params().requiredId("app"));
		ObjectNode json = Json.object();
		ArrayNode layout = json.putArray("layout");
		for (FieldDefinition field : app.fields().values()) {
			if (field.type() == FieldType.SUBTABLE) {
				ObjectNode table = layout.addObject().put("type", "SUBTABLE").put("code", field.code());
				ArrayNode inner = table.putArray("fields");
				field.fields().values().forEach((column) -> element(inner, column));
			}
			else {
				element(layout.addObject().put("type", "ROW").putArray("fields"), field);
			}
		}
		json.put("revision", "1");
		return json;
	}

	private static void element(ArrayNode fields, FieldDefinition field) {
		fields.addObject()
			.put("type", field.type().name())
			.put("code", field.code())
			.putObject("size")
			.put("width", DEFAULT_WIDTH);
	}

}
