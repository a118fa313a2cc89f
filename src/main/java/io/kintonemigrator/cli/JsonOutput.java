package io.kintonemigrator.cli;

import java.io.PrintWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a command prints for {@code --json}: its result as exactly one JSON document on
 * standard output (indented, dates as ISO-8601 text), so that {@code jq} or a script can
 * parse the whole of it; anything else goes to standard error.
 */
public final class JsonOutput {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private JsonOutput() {
	}

	/** Writes {@code result} (a record, map or list) and a line end. */
	public static void print(Object result, PrintWriter out) {
		out.println(MAPPER.writeValueAsString(result));
		out.flush();
	}

}
