package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;
import io.kintonemigrator.kintone.KintoneApiException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;

/**
 * One JSON exchange with kintone: sends the request, turns a refusal into the mapped
 * {@code KintoneException} and parses the answer from the stream. A body that is no JSON,
 * or not the JSON expected, is an error that never quotes the body (it may hold record
 * data). Thread-safe.
 */
final class JsonCalls {

	private static final MediaType JSON = MediaType.get("application/json");

	private final OkHttpClient http;

	private final KintoneJson json;

	private final KintoneErrorMapper errors;

	JsonCalls(OkHttpClient http, KintoneJson json, KintoneErrorMapper errors) {
		this.http = http;
		this.json = json;
		this.errors = errors;
	}

	<T> T execute(String operation, Request request, Function<JsonNode, T> parse) {
		try (Response response = http.newCall(request).execute()) {
			if (!response.isSuccessful()) {
				throw errors.toException(operation, response);
			}
			try (InputStream in = response.body().byteStream()) {
				return parse.apply(json.mapper().readTree(in));
			}
			catch (JacksonIOException ex) {
				IOException cause = ex.getCause();
				throw cause != null ? cause : new IOException("reading the response failed");
			}
			catch (JacksonException | KintoneJson.MalformedResponseException | IllegalArgumentException ex) {
				// Jackson's own message may quote the body, so only our messages go into
				// the exception
				String what = ex instanceof KintoneJson.MalformedResponseException ? ex.getMessage()
						: "unreadable JSON (" + ex.getClass().getSimpleName() + ")";
				throw new KintoneApiException(operation, response.code(), null, null, "kintone answered with " + what,
						Map.of(), false, null);
			}
		}
		catch (IOException ex) {
			throw errors.toException(operation, ex);
		}
	}

	RequestBody jsonBody(JsonNode body) {
		return RequestBody.create(json.mapper().writeValueAsBytes(body), JSON);
	}

}
