package io.kintonemigrator.kintone.okhttp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.AppInfo;
import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.RecordUpdate.RecordSelector;
import io.kintonemigrator.kintone.UpdatedRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kintone's JSON shapes to and from our value types. On read, FILE {@code size} and every
 * id and revision arrive as strings (numbers are accepted too), SUBTABLE row ids are
 * strings, and any other field keeps its JSON value as plain Java data. On write, a FILE
 * value is {@code [{"fileKey": ...}]} and a SUBTABLE row is {@code {"id": ..., "value":
 * {...}}}.
 */
final class KintoneJson {

	static final String ID = "$id";

	static final String REVISION = "$revision";

	private final ObjectMapper mapper;

	KintoneJson() {
		this(JsonMapper.builder().build());
	}

	KintoneJson(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	ObjectMapper mapper() {
		return mapper;
	}

	// ---- reading

	List<KintoneRecord> records(JsonNode body) {
		JsonNode records = required(body, "records");
		List<KintoneRecord> result = new ArrayList<>(records.size());
		for (JsonNode record : records.values()) {
			result.add(record(record));
		}
		return result;
	}

	KintoneRecord record(JsonNode record) {
		long id = number(required(record, ID).path("value"), ID);
		long revision = number(required(record, REVISION).path("value"), REVISION);
		Map<String, FieldValue> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : record.properties()) {
			if (!field.getKey().equals(ID) && !field.getKey().equals(REVISION)) {
				fields.put(field.getKey(), fieldValue(field.getValue()));
			}
		}
		return new KintoneRecord(id, revision, fields);
	}

	private FieldValue fieldValue(JsonNode field) {
		String type = field.path("type").asString("");
		JsonNode value = field.path("value");
		switch (type) {
			case "FILE" -> {
				List<FileInfo> files = new ArrayList<>();
				for (JsonNode file : value.values()) {
					files.add(new FileInfo(new FileKey(required(file, "fileKey").asString()),
							file.path("name").asString(""),
							file.path("contentType").asString("application/octet-stream"),
							number(file.path("size"), "size")));
				}
				return new FieldValue.Files(files);
			}
			case "SUBTABLE" -> {
				List<FieldValue.SubtableRow> rows = new ArrayList<>();
				for (JsonNode row : value.values()) {
					Map<String, FieldValue> cells = new LinkedHashMap<>();
					for (Map.Entry<String, JsonNode> cell : row.path("value").properties()) {
						cells.put(cell.getKey(), fieldValue(cell.getValue()));
					}
					rows.add(new FieldValue.SubtableRow(required(row, "id").asString(), cells));
				}
				return new FieldValue.Subtable(rows);
			}
			default -> {
				return new FieldValue.Plain(type,
						value.isMissingNode() ? null : mapper.treeToValue(value, Object.class));
			}
		}
	}

	FormFields formFields(JsonNode body) {
		return new FormFields(properties(required(body, "properties")), number(body.path("revision"), "revision"));
	}

	private Map<String, FieldProperty> properties(JsonNode properties) {
		Map<String, FieldProperty> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : properties.properties()) {
			JsonNode p = entry.getValue();
			JsonNode nested = p.get("fields");
			result.put(entry.getKey(),
					new FieldProperty(p.path("code").asString(entry.getKey()), p.path("type").asString(""),
							p.path("label").asString(""), p.path("required").asBoolean(false),
							p.path("unique").asBoolean(false),
							nested != null && nested.isObject() ? properties(nested) : Map.of()));
		}
		return result;
	}

	AppInfo appInfo(JsonNode body) {
		JsonNode space = body.get("spaceId");
		return new AppInfo(new AppId(number(required(body, "appId"), "appId")), body.path("name").asString(""),
				space == null || space.isNull() ? null : space.asString());
	}

	List<UpdatedRecord> updatedRecords(JsonNode body) {
		List<UpdatedRecord> result = new ArrayList<>();
		for (JsonNode r : required(body, "records").values()) {
			result.add(new UpdatedRecord(number(r.path("id"), "id"), number(r.path("revision"), "revision")));
		}
		return result;
	}

	/**
	 * The new revisions from every {@code PUT records.json} answer in a bulk request's
	 * {@code results}, in order.
	 */
	List<UpdatedRecord> bulkUpdatedRecords(JsonNode body) {
		List<UpdatedRecord> result = new ArrayList<>();
		for (JsonNode answer : required(body, "results").values()) {
			result.addAll(updatedRecords(answer));
		}
		return result;
	}

	// ---- writing

	/**
	 * {@code POST bulkRequest.json} body: one {@code PUT} of {@code recordsPath} per
	 * {@code perRequest} updates, in order.
	 */
	ObjectNode bulkUpdateRecords(String recordsPath, long app, List<RecordUpdate> updates, int perRequest) {
		ObjectNode body = mapper.createObjectNode();
		ArrayNode requests = body.putArray("requests");
		for (int from = 0; from < updates.size(); from += perRequest) {
			requests.addObject()
				.put("method", "PUT")
				.put("api", recordsPath)
				.set("payload", updateRecords(app, updates.subList(from, Math.min(updates.size(), from + perRequest))));
		}
		return body;
	}

	ObjectNode updateRecords(long app, List<RecordUpdate> updates) {
		ObjectNode body = mapper.createObjectNode();
		body.put("app", app);
		ArrayNode records = body.putArray("records");
		for (RecordUpdate update : updates) {
			ObjectNode entry = records.addObject();
			if (update.selector() instanceof RecordSelector.ById byId) {
				entry.put("id", byId.id());
			}
			else if (update.selector() instanceof RecordSelector.ByUpdateKey byKey) {
				entry.putObject("updateKey").put("field", byKey.field()).put("value", byKey.value());
			}
			if (update.revision() != null) {
				entry.put("revision", update.revision());
			}
			entry.set("record", fieldUpdates(update.fields()));
		}
		return body;
	}

	private ObjectNode fieldUpdates(Map<String, FieldUpdate> fields) {
		ObjectNode record = mapper.createObjectNode();
		fields.forEach((code, update) -> record.set(code, fieldUpdate(update)));
		return record;
	}

	private ObjectNode fieldUpdate(FieldUpdate update) {
		ObjectNode field = mapper.createObjectNode();
		if (update instanceof FieldUpdate.Files files) {
			ArrayNode value = field.putArray("value");
			files.fileKeys().forEach(key -> value.addObject().put("fileKey", key.value()));
		}
		else if (update instanceof FieldUpdate.Subtable table) {
			ArrayNode rows = field.putArray("value");
			for (FieldUpdate.Row row : table.rows()) {
				ObjectNode r = rows.addObject();
				if (row.id() != null) {
					r.put("id", row.id());
				}
				r.set("value", fieldUpdates(row.fields()));
			}
		}
		else if (update instanceof FieldUpdate.Plain plain) {
			field.set("value", mapper.valueToTree(plain.value()));
		}
		return field;
	}

	// ---- helpers

	private static JsonNode required(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new MalformedResponseException("a response without '" + field + "'");
		}
		return value;
	}

	private static long number(JsonNode node, String what) {
		if (node.isIntegralNumber()) {
			return node.asLong();
		}
		try {
			return Long.parseLong(node.asString("").trim());
		}
		catch (NumberFormatException ex) {
			throw new MalformedResponseException("a non-numeric '" + what + "'");
		}
	}

	/** A 2xx response whose JSON is not what kintone documents. */
	static final class MalformedResponseException extends RuntimeException {

		MalformedResponseException(String message) {
			super(message);
		}

	}

}
