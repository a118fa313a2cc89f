package io.kintonemigrator.emulator.api;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the emulator: strict parsing (no comments, single quotes or
 * trailing commas).
 */
public final class Json {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	public static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	public static ArrayNode array() {
		return MAPPER.createArrayNode();
	}

}
