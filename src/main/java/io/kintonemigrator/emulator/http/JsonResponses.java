package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.ApiSettings;
import io.kintonemigrator.emulator.api.BulkRequestFailure;
import io.kintonemigrator.emulator.api.ErrorSpec;
import io.kintonemigrator.emulator.api.Json;
import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.api.LocalizedText;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes JSON answers: results, and kintone's error body {@code {code, id, message[,
 * errors]}} with a random 20-character id, in the language {@code Accept-Language} asks
 * for. Thread-safe.
 */
public final class JsonResponses {

	public static final String CONTENT_TYPE = "application/json;charset=utf-8";

	private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final SecureRandom random = new SecureRandom();

	private final ApiSettings settings;

	public JsonResponses(ApiSettings settings) {
		this.settings = settings;
	}

	/**
	 * Sends a JSON answer (after recording the request, see {@link RequestAccounting}).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, ObjectNode body)
			throws IOException {
		RequestAccounting.beforeAnswer(request, status);
		byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/** The error body alone (also used inside a bulk request's results). */
	public ObjectNode errorBody(ApiException error, Language language) {
		ObjectNode body = Json.object()
			.put("code", error.spec().code())
			.put("id", newErrorId())
			.put("message", error.localizedMessage().in(language));
		if (error.errors() != null) {
			ObjectNode errors = body.putObject("errors");
			for (Map.Entry<String, List<LocalizedText>> entry : error.errors().asMap().entrySet()) {
				ArrayNode messages = errors.putObject(entry.getKey()).putArray("messages");
				entry.getValue().forEach((message) -> messages.add(message.in(language)));
			}
		}
		return body;
	}

	/** Sends an error answer and notes its code for the request log. */
	public void writeError(HttpServletRequest request, HttpServletResponse response, ApiException error)
			throws IOException {
		Language language = Language.fromAcceptLanguage(request.getHeader("Accept-Language"),
				this.settings.domainLanguage());
		request.setAttribute(RequestAttributes.KINTONE_CODE, error.spec().code());
		write(request, response, status(error.spec()), errorBody(error, language));
	}

	/**
	 * {@code {"results":[{}, …, error, …, {}]}} with the failed sub-request's status and
	 * code.
	 */
	public void writeBulkFailure(HttpServletRequest request, HttpServletResponse response, BulkRequestFailure failure)
			throws IOException {
		Language language = Language.fromAcceptLanguage(request.getHeader("Accept-Language"),
				this.settings.domainLanguage());
		request.setAttribute(RequestAttributes.KINTONE_CODE, failure.error().spec().code());
		ObjectNode body = Json.object();
		ArrayNode results = body.putArray("results");
		for (int i = 0; i < failure.requestCount(); i++) {
			results.add((i == failure.index()) ? errorBody(failure.error(), language) : Json.object());
		}
		write(request, response, status(failure.error().spec()), body);
	}

	public int status(ErrorSpec spec) {
		return this.settings.statusOf(spec);
	}

	String newErrorId() {
		char[] id = new char[20];
		for (int i = 0; i < id.length; i++) {
			id[i] = ID_CHARS[this.random.nextInt(ID_CHARS.length)];
		}
		return new String(id);
	}

}
