package io.kintonemigrator.emulator.api;

import java.util.Map;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.model.SystemFields;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET app/form/fields.json?app=}: {@code {properties, revision}} with the system
 * fields, SUBTABLE inner {@code fields}, FILE {@code thumbnailSize} and the
 * {@code unique} flag (kintone-api.md §5).
 */
final class FormFieldsApi implements JsonApi {

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireAppSettingsReadable(call.params().requiredId("app"));
		ObjectNode json = Json.object();
		ObjectNode properties = json.putObject("properties");
		SystemFields.Codes codes = app.systemFields();
		system(properties, codes.recordNumber(), FieldType.RECORD_NUMBER);
		system(properties, codes.creator(), FieldType.CREATOR);
		system(properties, codes.createdTime(), FieldType.CREATED_TIME);
		system(properties, codes.modifier(), FieldType.MODIFIER);
		system(properties, codes.updatedTime(), FieldType.UPDATED_TIME);
		fields(properties, app.fields());
		json.put("revision", "1");
		return json;
	}

	private static void fields(ObjectNode properties, Map<String, FieldDefinition> fields) {
		for (FieldDefinition field : fields.values()) {
			ObjectNode property = properties.putObject(field.code())
				.put("type", field.type().name())
				.put("code", field.code())
				.put("label", field.label())
				.put("noLabel", false);
			if (field.type() == FieldType.SUBTABLE) {
				fields(property.putObject("fields"), field.fields());
				continue;
			}
			property.put("required", field.required());
			switch (field.type()) {
				case SINGLE_LINE_TEXT, NUMBER,
						LINK ->
					property.put("unique", field.unique())
						.put("defaultValue", "")
						.put("minLength", "")
						.put("maxLength", "");
				case FILE -> property.put("thumbnailSize", "150");
				case CHECK_BOX, MULTI_SELECT, DROP_DOWN, RADIO_BUTTON -> {
					ObjectNode options = property.putObject("options");
					int index = 0;
					for (String option : field.options()) {
						options.putObject(option).put("label", option).put("index", Integer.toString(index++));
					}
				}
				default -> property.put("defaultValue", "");
			}
		}
	}

	private static void system(ObjectNode properties, String code, FieldType type) {
		properties.putObject(code).put("type", type.name()).put("code", code).put("label", code).put("noLabel", false);
	}

}
