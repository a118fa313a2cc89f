package io.kintonemigrator.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately plain test client: {@link java.net.http.HttpClient} against the
 * emulator's base URL, so the emulator is tested independently of the project's own
 * kintone client.
 */
final class EmulatorHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI base;

	private final List<String> defaultHeaders = new ArrayList<>();

	EmulatorHttp(URI base) {
		this.base = base;
	}

	/** Sends {@code X-Cybozu-API-Token} on every request. */
	EmulatorHttp withToken(String token) {
		EmulatorHttp http = new EmulatorHttp(this.base);
		http.defaultHeaders.addAll(this.defaultHeaders);
		http.defaultHeaders.add("X-Cybozu-API-Token");
		http.defaultHeaders.add(token);
		return http;
	}

	/** Sends {@code X-Cybozu-Authorization} on every request. */
	EmulatorHttp withPassword(String login, String password) {
		EmulatorHttp http = new EmulatorHttp(this.base);
		http.defaultHeaders.addAll(this.defaultHeaders);
		http.defaultHeaders.add("X-Cybozu-Authorization");
		http.defaultHeaders.add(basic(login, password));
		return http;
	}

	static String basic(String login, String password) {
		return Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	HttpRequest.Builder request(String pathAndQuery) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve(pathAndQuery));
		for (int i = 0; i < this.defaultHeaders.size(); i += 2) {
			builder.header(this.defaultHeaders.get(i), this.defaultHeaders.get(i + 1));
		}
		return builder;
	}

	Reply get(String pathAndQuery, String... headers) {
		return send(request(pathAndQuery).GET(), headers);
	}

	/**
	 * A JSON body with {@code Content-Type: application/json} and any method (GET and
	 * DELETE too).
	 */
	Reply json(String method, String path, String body, String... headers) {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return send(builder, headers);
	}

	Reply delete(String pathAndQuery, String... headers) {
		return send(request(pathAndQuery).DELETE(), headers);
	}

	/** Uploads one part named {@code file}; returns the reply. */
	Reply upload(String fileName, String contentType, byte[] content, String... headers) {
		return multipart("file", fileName, contentType, content, headers);
	}

	Reply multipart(String partName, String fileName, String contentType, byte[] content, String... headers) {
		String boundary = "----emulatorTestBoundary7MA4YWxkTrZu0gW";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder builder = request("/k/v1/file.json")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		return send(builder, headers);
	}

	Reply send(HttpRequest.Builder builder, String... headers) {
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<byte[]> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response: status, headers, raw body, and the body as JSON. */
	record Reply(int status, HttpHeaders headers, byte[] body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		/** The kintone error code of an error reply. */
		String code() {
			return json().path("code").asString();
		}

		@Override
		public String toString() {
			return "Reply[" + this.status + " " + text() + "]";
		}

	}

}
