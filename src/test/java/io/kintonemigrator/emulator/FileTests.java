package io.kintonemigrator.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import io.kintonemigrator.emulator.api.ErrorSpec;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.testsupport.Sha256;
import io.kintonemigrator.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** kintone-api.md §1–2 (checklist 6–10): upload keys, download keys, FILE values. */
class FileTests {

	TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));

	KintoneEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().clock(this.clock).seed(TestSeeds.contracts()).start();
		this.http = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private String upload(String name, String contentType, byte[] content) {
		Reply reply = this.http.upload(name, contentType, content);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json().get("fileKey").asString();
	}

	private Reply attach(long record, String field, String... keys) {
		StringBuilder files = new StringBuilder();
		for (String key : keys) {
			files.append(files.isEmpty() ? "" : ",").append("{\"fileKey\":\"").append(key).append("\"}");
		}
		return this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":" + record + ",\"record\":{\"" + field + "\":{\"value\":[" + files + "]}}}");
	}

	@Test
	void uploadReturnsAUuidFileKey() {
		String key = upload("a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

		assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

	@Test
	void anUploadKeyCannotBeDownloaded() {
		String key = upload("a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

		Reply reply = this.http.get("/k/v1/file.json?fileKey=" + key, "Accept-Language", "en");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.code()).isEqualTo("GAIA_BL01");
		assertThat(reply.json().get("message").asString()).isEqualTo("The specified file (id: " + key + ") not found.");
	}

	@Test
	void attachingMintsADownloadKeyThatServesTheBytesWithTheirTypeAndUtf8Name() throws IOException {
		byte[] content = "見積の中身".getBytes(StandardCharsets.UTF_8);
		String uploadKey = upload("見積書 (最終).pdf", "application/pdf", content);

		assertThat(attach(2, "attachments", uploadKey).status()).isEqualTo(200);

		JsonNode file = this.http.get("/k/v1/record.json?app=1&id=2").json().at("/record/attachments/value/0");
		String downloadKey = file.get("fileKey").asString();
		assertThat(downloadKey).isNotEqualTo(uploadKey).matches("\\d{14}[0-9A-F]{35}");
		assertThat(file.get("name").asString()).isEqualTo("見積書 (最終).pdf");
		assertThat(file.get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(file.get("size").asString()).isEqualTo(Integer.toString(content.length));
		Reply download = this.http.get("/k/v1/file.json?fileKey=" + downloadKey);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
		assertThat(download.body()).isEqualTo(content);
		StoredFile stored = this.emulator.record(1, 2).orElseThrow().files("attachments").get(0);
		assertThat(stored.sha256()).isEqualTo(Sha256.hex(content));
		try (InputStream in = this.emulator.openFile(downloadKey)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
	}

	@Test
	void downloadAcceptsAJsonBody() {
		String key = this.emulator.record(1, 1).orElseThrow().files("attachments").get(0).fileKey();

		Reply reply = this.http.json("GET", "/k/v1/file.json", "{\"fileKey\":\"" + key + "\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("quote");
	}

	@Test
	void anUploadKeyIsSingleUse() {
		String key = upload("a.txt", "text/plain", new byte[] { 1 });
		attach(2, "attachments", key);

		Reply again = attach(3, "attachments", key);
		Reply twiceInOneRequest = attach(3, "attachments", upload("b.txt", "text/plain", new byte[] { 2 }),
				"same-placeholder");

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.code()).isEqualTo("GAIA_IF02");
		assertThat(twiceInOneRequest.code()).isEqualTo("GAIA_IF02");
		assertThat(this.emulator.record(1, 3).orElseThrow().files("attachments")).isEmpty();
	}

	@Test
	void theReuseErrorIsConfigurable() {
		try (KintoneEmulator other = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.uploadKeyReusedError(new ErrorSpec("GAIA_BL01", 404, "再利用", "reused"))
			.start()) {
			EmulatorHttp otherHttp = new EmulatorHttp(other.baseUrl()).withToken(TestSeeds.ALL);
			String key = otherHttp.upload("a.txt", "text/plain", new byte[] { 1 }).json().get("fileKey").asString();
			String body = "{\"app\":1,\"id\":%d,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\"" + key
					+ "\"}]}}}";
			assertThat(otherHttp.json("PUT", "/k/v1/record.json", String.format(body, 2)).status()).isEqualTo(200);

			Reply reuse = otherHttp.json("PUT", "/k/v1/record.json", String.format(body, 3));

			assertThat(reuse.status()).isEqualTo(404);
			assertThat(reuse.code()).isEqualTo("GAIA_BL01");
		}
	}

	@Test
	void uploadKeysExpireAfterThreeDaysOnTheClock() {
		String fresh = upload("a.txt", "text/plain", new byte[] { 1 });
		String old = upload("b.txt", "text/plain", new byte[] { 2 });
		this.clock.advance(Duration.ofDays(3).minusSeconds(1));
		assertThat(attach(2, "attachments", fresh).status()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(1));
		Reply expired = attach(3, "attachments", old);

		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.code()).isEqualTo("GAIA_IF02");
	}

	@Test
	void updatingAFileFieldReplacesTheListButKeepsResentKeysOfThatField() {
		StoredFile existing = this.emulator.record(1, 1).orElseThrow().files("attachments").get(0);
		String added = upload("new.txt", "text/plain", "new".getBytes(StandardCharsets.UTF_8));

		assertThat(attach(1, "attachments", existing.fileKey(), added).status()).isEqualTo(200);

		StoredRecord record = this.emulator.record(1, 1).orElseThrow();
		assertThat(record.files("attachments")).extracting(StoredFile::name).containsExactly("見積書.pdf", "new.txt");
		assertThat(record.files("attachments").get(0).fileKey()).isEqualTo(existing.fileKey());
		assertThat(this.http.get("/k/v1/file.json?fileKey=" + existing.fileKey()).text()).isEqualTo("quote");
	}

	@Test
	void filesLeftOutOfAnUpdateAreGoneAndAnEmptyListClearsTheField() {
		String key = this.emulator.record(1, 1).orElseThrow().files("attachments").get(0).fileKey();

		attach(1, "attachments");

		assertThat(this.emulator.record(1, 1).orElseThrow().files("attachments")).isEmpty();
		assertThat(this.http.get("/k/v1/file.json?fileKey=" + key).code()).isEqualTo("GAIA_BL01");
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.openFile(key));
	}

	@Test
	void aDownloadKeyOfAnotherRecordOrFieldCannotBeAttached() {
		String otherRecordKey = this.emulator.record(1, 1).orElseThrow().files("attachments").get(0).fileKey();
		String rowKey = this.emulator.record(1, 1).orElseThrow().rows("items").get(0).files("drawing").get(0).fileKey();

		Reply otherRecord = attach(2, "attachments", otherRecordKey);
		Reply otherField = attach(1, "attachments", rowKey);
		Reply unknown = attach(1, "attachments", "20260301000000ABCDEF");

		for (Reply reply : new Reply[] { otherRecord, otherField, unknown }) {
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.code()).isEqualTo("GAIA_IF02");
		}
		assertThat(this.emulator.record(1, 1).orElseThrow().files("attachments")).hasSize(1);
	}

	@Test
	void foreignKeyStatusIsConfigurable() {
		try (KintoneEmulator other = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.foreignFileKeyStatus(520)
			.start()) {
			Reply reply = new EmulatorHttp(other.baseUrl()).withToken(TestSeeds.ALL)
				.json("PUT", "/k/v1/record.json",
						"{\"app\":1,\"id\":2,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\"nope\"}]}}}");
			assertThat(reply.status()).isEqualTo(520);
			assertThat(reply.code()).isEqualTo("GAIA_IF02");
		}
	}

	@Test
	void filesInSubtableRowsFollowTheSameRules() {
		StoredRecord before = this.emulator.record(1, 1).orElseThrow();
		long rowId = before.rows("items").get(0).id();
		String kept = before.rows("items").get(0).files("drawing").get(0).fileKey();
		String added = upload("図面2.dwg", "application/acad", new byte[] { 9, 9 });

		Reply reply = this.http.json("PUT", "/k/v1/record.json",
				"{\"app\":1,\"id\":1,\"record\":{\"items\":{\"value\":[" + "{\"id\":" + rowId
						+ ",\"value\":{\"drawing\":{\"value\":[{\"fileKey\":\"" + kept + "\"},{\"fileKey\":\"" + added
						+ "\"}]}}}]}}}");

		assertThat(reply.status()).isEqualTo(200);
		StoredRecord after = this.emulator.record(1, 1).orElseThrow();
		assertThat(after.rows("items").get(0).files("drawing")).extracting(StoredFile::name)
			.containsExactly("図面1.dwg", "図面2.dwg");
		assertThat(after.rows("items").get(0).files("drawing").get(0).sha256())
			.isEqualTo(before.rows("items").get(0).files("drawing").get(0).sha256());
		String newKey = after.rows("items").get(0).files("drawing").get(1).fileKey();
		assertThat(this.http.get("/k/v1/file.json?fileKey=" + newKey).body()).containsExactly(9, 9);
	}

	@Test
	void attachingOnAddWorksAndARollbackLeavesTheUploadKeyUsable() {
		String key = upload("a.txt", "text/plain", new byte[] { 1 });
		Reply failed = this.http.json("POST", "/k/v1/records.json",
				"{\"app\":1,\"records\":[" + "{\"attachments\":{\"value\":[{\"fileKey\":\"" + key
						+ "\"}]}},{\"legacy_id\":{\"value\":\"A-1\"}}]}");
		assertThat(failed.code()).isEqualTo("CB_VA01");

		Reply added = this.http.json("POST", "/k/v1/record.json",
				"{\"app\":1,\"record\":{\"attachments\":{\"value\":[{\"fileKey\":\"" + key + "\"}]}}}");

		assertThat(added.status()).isEqualTo(200);
		long id = Long.parseLong(added.json().get("id").asString());
		assertThat(this.emulator.record(1, id).orElseThrow().files("attachments")).extracting(StoredFile::name)
			.containsExactly("a.txt");
	}

	@Test
	void theUploadPartMustBeNamedFile() {
		Reply reply = this.http.multipart("attachment", "a.txt", "text/plain", new byte[] { 1 });

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("CB_VA01");
	}

	@Test
	void uploadsAboveTheSizeLimitAreRejected() {
		try (KintoneEmulator small = KintoneEmulator.builder()
			.seed(TestSeeds.contracts())
			.maxFileSize(100_000)
			.start()) {
			EmulatorHttp smallHttp = new EmulatorHttp(small.baseUrl()).withToken(TestSeeds.ALL);
			Reply tooLarge = smallHttp.upload("big.bin", "application/octet-stream", new byte[100_001]);
			Reply fits = smallHttp.upload("ok.bin", "application/octet-stream", new byte[100_000]);

			assertThat(tooLarge.status()).isEqualTo(400);
			assertThat(tooLarge.code()).isEqualTo("CB_VA01");
			assertThat(tooLarge.json().get("errors").propertyNames()).containsExactly("file");
			assertThat(fits.status()).isEqualTo(200);
		}
	}

	@Test
	void aChunkedStreamedUploadIsAccepted() throws IOException {
		byte[] content = new byte[3 * 1024 * 1024 + 7];
		new Random(5).nextBytes(content);
		String boundary = "chunkedBoundary42";
		HttpURLConnection connection = (HttpURLConnection) URI.create(this.emulator.baseUrl() + "/k/v1/file.json")
			.toURL()
			.openConnection();
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setChunkedStreamingMode(8192);
		connection.setRequestProperty("X-Cybozu-API-Token", TestSeeds.ALL);
		connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"報告.bin\"\r\n"
					+ "Content-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		assertThat(connection.getResponseCode()).isEqualTo(200);
		String key;
		try (InputStream in = connection.getInputStream()) {
			key = EmulatorHttp.JSON.readTree(in).get("fileKey").asString();
		}

		assertThat(attach(2, "attachments", key).status()).isEqualTo(200);
		StoredFile stored = this.emulator.record(1, 2).orElseThrow().files("attachments").get(0);
		assertThat(stored.name()).isEqualTo("報告.bin");
		assertThat(stored.size()).isEqualTo(content.length);
		assertThat(stored.sha256()).isEqualTo(Sha256.hex(content));
	}

	@Test
	void generatedSeedContentIsDeterministic() throws IOException {
		StoredFile drawing = this.emulator.record(1, 1).orElseThrow().rows("items").get(0).files("drawing").get(0);

		byte[] downloaded = this.http.get("/k/v1/file.json?fileKey=" + drawing.fileKey()).body();
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		try (InputStream in = FileContent.openGenerated(3000, 1)) {
			in.transferTo(expected);
		}

		assertThat(downloaded).hasSize(3000).isEqualTo(expected.toByteArray());
		assertThat(drawing.sha256()).isEqualTo(Sha256.hex(downloaded));
		try (InputStream other = FileContent.openGenerated(3000, 2)) {
			assertThat(other.readAllBytes()).isNotEqualTo(downloaded);
		}
	}

	@Test
	void downloadNeedsViewPermissionOnTheFilesApp() {
		String key = this.emulator.record(1, 1).orElseThrow().files("attachments").get(0).fileKey();

		Reply otherApp = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.APP2)
			.get("/k/v1/file.json?fileKey=" + key);

		assertThat(otherApp.code()).isEqualTo("GAIA_IA02");
	}

}
