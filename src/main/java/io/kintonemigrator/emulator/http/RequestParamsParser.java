package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.Json;
import io.kintonemigrator.emulator.api.KintoneErrors;
import io.kintonemigrator.emulator.api.Params;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects an API call's parameters (kintone-api.md §0): the query string
 * ({@code app=1&fields[0]=a}, {@code fields=a&fields=b}, {@code fields[]=a}) merged with
 * a JSON body, which is read only when {@code Content-Type} is {@code application/json};
 * body values win. A GET that announces JSON but sends no body is {@code CB_IL02},
 * malformed JSON is {@code CB_IJ01}.
 */
final class RequestParamsParser {

	/**
	 * JSON bodies are small (100 records at most); anything bigger is not a kintone
	 * request.
	 */
	private static final int MAX_JSON_BODY = 64 * 1024 * 1024;

	private static final Pattern INDEXED = Pattern.compile("([^\\[\\]]+)\\[([^\\[\\]]*)\\]");

	private RequestParamsParser() {
	}

	static Params parse(HttpServletRequest request) throws IOException {
		ObjectNode params = queryString(request.getQueryString());
		if (isJson(request.getContentType())) {
			byte[] body = readBody(request);
			if (isBlank(body)) {
				if ("GET".equals(request.getMethod())) {
					throw new ApiException(KintoneErrors.ILLEGAL_REQUEST);
				}
			}
			else {
				JsonNode json;
				try {
					json = Json.MAPPER.readTree(body);
				}
				catch (JacksonException ex) {
					throw new ApiException(KintoneErrors.INVALID_JSON);
				}
				if (!json.isObject()) {
					throw new ApiException(KintoneErrors.INVALID_JSON);
				}
				params.setAll((ObjectNode) json);
			}
		}
		return new Params(params);
	}

	static boolean isJson(String contentType) {
		return contentType != null && contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
	}

	static ObjectNode queryString(String query) {
		ObjectNode params = Json.object();
		if (query == null || query.isEmpty()) {
			return params;
		}
		Map<String, TreeMap<Integer, String>> indexed = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			Matcher matcher = INDEXED.matcher(key);
			if (matcher.matches()) {
				String name = matcher.group(1);
				String index = matcher.group(2);
				if (index.matches("\\d{1,9}")) {
					indexed.computeIfAbsent(name, (n) -> new TreeMap<>()).put(Integer.valueOf(index), value);
				}
				else if (index.isEmpty()) {
					append(params, name, value);
				}
				else {
					JsonNode existing = params.get(name);
					ObjectNode object = (existing instanceof ObjectNode node) ? node : params.putObject(name);
					object.put(index, value);
				}
			}
			else if (params.has(key)) {
				append(params, key, value);
			}
			else {
				params.put(key, value);
			}
		}
		indexed.forEach((name, values) -> {
			ArrayNode array = params.putArray(name);
			values.values().forEach(array::add);
		});
		return params;
	}

	private static void append(ObjectNode params, String name, String value) {
		JsonNode existing = params.get(name);
		if (existing instanceof ArrayNode array) {
			array.add(value);
			return;
		}
		ArrayNode array = params.putArray(name);
		if (existing != null) {
			array.add(existing);
		}
		array.add(value);
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(KintoneErrors.ILLEGAL_REQUEST);
		}
	}

	private static byte[] readBody(HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(MAX_JSON_BODY + 1);
			if (body.length > MAX_JSON_BODY) {
				throw new ApiException(KintoneErrors.ILLEGAL_REQUEST);
			}
			return body;
		}
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

}
