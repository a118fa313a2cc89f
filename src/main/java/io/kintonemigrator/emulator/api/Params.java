package io.kintonemigrator.emulator.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of one API call, whether they came from the query string, a JSON body or
 * a bulk request payload. Numbers are accepted as JSON numbers or decimal strings, as
 * kintone does.
 */
public final class Params {

	private final ObjectNode values;

	public Params(ObjectNode values) {
		this.values = values;
	}

	public ObjectNode asJson() {
		return this.values;
	}

	public boolean has(String name) {
		JsonNode node = this.values.get(name);
		return node != null && !node.isNull();
	}

	public @Nullable JsonNode node(String name) {
		JsonNode node = this.values.get(name);
		return (node == null || node.isNull()) ? null : node;
	}

	/** A required positive integer parameter such as {@code app} or {@code id}. */
	public long requiredId(String name) {
		JsonNode node = node(name);
		if (node == null || (node.isString() && node.stringValue().isEmpty())) {
			throw ValidationErrors.single(name, LocalizedText.REQUIRED);
		}
		Long value = asLong(node);
		if (value == null) {
			throw ValidationErrors.single(name, LocalizedText.NOT_A_NUMBER);
		}
		return value;
	}

	/** An optional integer parameter; null when absent. */
	public @Nullable Long optionalLong(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		Long value = asLong(node);
		if (value == null) {
			throw ValidationErrors.single(name, LocalizedText.NOT_A_NUMBER);
		}
		return value;
	}

	public @Nullable String string(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	/** A list parameter: a JSON array, or a single value as a one-element list. */
	public List<String> strings(String name) {
		JsonNode node = node(name);
		List<String> list = new ArrayList<>();
		if (node == null) {
			return list;
		}
		if (node.isArray()) {
			node.values().forEach((element) -> list.add(element.asString()));
		}
		else {
			list.add(node.asString());
		}
		return list;
	}

	/** A boolean parameter: {@code true} or {@code "true"} (any case). */
	public boolean bool(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return false;
		}
		return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asString());
	}

	/** A JSON integer or a decimal string, else null. */
	public static @Nullable Long asLong(JsonNode node) {
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		return node.isString() ? parseLong(node.stringValue()) : null;
	}

	/**
	 * A decimal string as a long ({@code "12"}, {@code " 12 "}, {@code "12.0"}), else
	 * null.
	 */
	public static @Nullable Long parseLong(String text) {
		try {
			return new BigDecimal(text.trim()).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

}
