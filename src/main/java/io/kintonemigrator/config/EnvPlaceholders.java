package io.kintonemigrator.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.jspecify.annotations.Nullable;

/**
 * Replaces {@code ${NAME}} in every string value of the job file's tree with the
 * variable's value. A variable that is not set becomes a problem naming the key and the
 * variable (never a value).
 */
final class EnvPlaceholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private final Function<String, @Nullable String> variables;

	EnvPlaceholders(Function<String, @Nullable String> variables) {
		this.variables = variables;
	}

	void resolve(JsonNode node, String path, List<String> problems) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				String key = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
				JsonNode value = property.getValue();
				if (value.isString()) {
					object.set(property.getKey(), StringNode.valueOf(substitute(value.stringValue(), key, problems)));
				}
				else {
					resolve(value, key, problems);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				String key = path + "[" + i + "]";
				JsonNode value = array.get(i);
				if (value.isString()) {
					array.set(i, StringNode.valueOf(substitute(value.stringValue(), key, problems)));
				}
				else {
					resolve(value, key, problems);
				}
			}
		}
	}

	private String substitute(String text, String key, List<String> problems) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String value = variables.apply(name);
			if (value == null) {
				problems.add(key + ": environment variable " + name + " is not set; export it before running");
				value = matcher.group(); // left as written so the key is not also
											// reported as missing
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
