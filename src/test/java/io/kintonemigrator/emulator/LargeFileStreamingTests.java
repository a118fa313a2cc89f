package io.kintonemigrator.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file larger than 2 GiB goes up, is attached, and comes back byte for byte through an
 * emulator whose heap is capped at 256 MB (a child JVM that exits on OutOfMemoryError):
 * proof that nothing buffers a file.
 */
class LargeFileStreamingTests {

	static final long SIZE = (2L << 30) + 1;

	static final long SEED = 2024;

	ChildJvm jvm = ChildJvm.of(HeapCappedEmulatorMain.class).jvmOptions("-XX:+ExitOnOutOfMemoryError");

	Child child;

	PrintWriter commands;

	BufferedReader replies;

	URI base;

	@BeforeEach
	void startChild() throws IOException {
		this.child = this.jvm.startPiped();
		this.commands = new PrintWriter(this.child.process().getOutputStream(), true, StandardCharsets.UTF_8);
		this.replies = new BufferedReader(
				new InputStreamReader(this.child.process().getInputStream(), StandardCharsets.UTF_8));
		this.base = URI.create("http://localhost:" + valueOf(awaitLine("PORT ")));
	}

	@AfterEach
	void stopChild() throws InterruptedException {
		this.commands.println("STOP");
		this.child.awaitExit(Duration.ofSeconds(30));
		this.jvm.close();
	}

	@Test
	void aFileAboveTwoGibibytesStreamsThroughA256MegabyteHeap() throws Exception {
		String uploadKey = upload();
		HttpURLConnection attach = open("/k/v1/record.json", "PUT");
		attach.setRequestProperty("Content-Type", "application/json");
		attach.setDoOutput(true);
		try (OutputStream out = attach.getOutputStream()) {
			out.write(("{\"app\":1,\"id\":1,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\"" + uploadKey
					+ "\"}]}}}")
				.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(attach.getResponseCode()).isEqualTo(200);
		JsonNode file = readJson(open("/k/v1/record.json?app=1&id=1", "GET")).at("/record/attachments/value/0");
		assertThat(file.get("size").asString()).isEqualTo(Long.toString(SIZE));

		HttpURLConnection download = open("/k/v1/file.json?fileKey=" + file.get("fileKey").asString(), "GET");
		assertThat(download.getResponseCode()).isEqualTo(200);
		assertThat(download.getContentLengthLong()).isEqualTo(SIZE);
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		long received;
		try (InputStream in = new DigestInputStream(download.getInputStream(), digest)) {
			received = in.transferTo(OutputStream.nullOutputStream());
		}

		assertThat(received).isEqualTo(SIZE);
		assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expectedSha256());
		this.commands.println("PEAK");
		long peakHeap = valueOf(awaitLine("PEAK "));
		// -Xmx256m with ExitOnOutOfMemoryError: had anything buffered the file, the child
		// would be gone
		assertThat(this.child.isAlive()).isTrue();
		System.out.println("emulator peak heap while streaming " + SIZE + " bytes: " + (peakHeap >> 20) + " MiB");
	}

	private String upload() throws IOException {
		String boundary = "largeFileBoundary";
		HttpURLConnection connection = open("/k/v1/file.json", "POST");
		connection.setDoOutput(true);
		connection.setChunkedStreamingMode(64 * 1024);
		connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
		try (OutputStream out = connection.getOutputStream();
				InputStream content = FileContent.openGenerated(SIZE, SEED)) {
			out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"巨大.bin\"\r\n"
					+ "Content-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			content.transferTo(out);
			out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		assertThat(connection.getResponseCode()).isEqualTo(200);
		return readJson(connection).get("fileKey").asString();
	}

	private HttpURLConnection open(String pathAndQuery, String method) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) this.base.resolve(pathAndQuery).toURL().openConnection();
		connection.setRequestMethod(method);
		connection.setRequestProperty("X-Cybozu-API-Token", "large-token");
		connection.setReadTimeout(300_000);
		return connection;
	}

	private static JsonNode readJson(HttpURLConnection connection) throws IOException {
		try (InputStream in = connection.getInputStream()) {
			return EmulatorHttp.JSON.readTree(in);
		}
	}

	private static String expectedSha256() throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new DigestInputStream(FileContent.openGenerated(SIZE, SEED), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private String awaitLine(String prefix) throws IOException {
		for (String line; (line = this.replies.readLine()) != null;) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length());
			}
		}
		throw new IllegalStateException("the emulator child JVM ended before printing " + prefix.trim());
	}

	private static long valueOf(String text) {
		return Long.parseLong(text.trim());
	}

}
