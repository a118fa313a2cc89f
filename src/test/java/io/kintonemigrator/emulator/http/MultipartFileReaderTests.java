package io.kintonemigrator.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultipartFileReaderTests {

	private static final String BOUNDARY = "----b0undary";

	@TempDir
	Path tmp;

	@Test
	void writesTheFilePartAndSkipsTheOthersWhateverTheReadSizes() throws IOException {
		byte[] content = new byte[3 * MultipartFileReader.CHUNK + 17];
		new Random(7).nextBytes(content);
		// content that almost holds the delimiter, across the ends of the reads
		byte[] lookalike = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.UTF_8);
		System.arraycopy(lookalike, 0, content, MultipartFileReader.CHUNK - 3, lookalike.length);
		byte[] body = body(part("note", null, "text/plain", "x".getBytes(StandardCharsets.UTF_8)),
				part("file", "報告 (1).bin", "application/pdf", content), part("file", "second.bin", null, new byte[3]));

		for (int readSize : new int[] { 1, 7, 8192, Integer.MAX_VALUE }) {
			Path target = this.tmp.resolve("blob-" + readSize);
			MultipartFileReader.FilePart part = MultipartFileReader.read(trickle(body, readSize), BOUNDARY, target);

			assertThat(part.fileName()).isEqualTo("報告 (1).bin");
			assertThat(part.contentType()).isEqualTo("application/pdf");
			assertThat(part.size()).isEqualTo(content.length);
			assertThat(Files.readAllBytes(target)).isEqualTo(content);
		}
	}

	@Test
	void anEmptyFileIsAFileAndABodyWithoutOneIsNot() throws IOException {
		Path empty = this.tmp.resolve("empty");
		MultipartFileReader.FilePart part = MultipartFileReader
			.read(new ByteArrayInputStream(body(part("file", "empty.txt", null, new byte[0]))), BOUNDARY, empty);
		assertThat(part.size()).isZero();
		assertThat(part.contentType()).isNull();
		assertThat(empty).isEmptyFile();

		Path none = this.tmp.resolve("none");
		assertThat(MultipartFileReader
			.read(new ByteArrayInputStream(body(part("attachment", "a.txt", null, new byte[] { 1 }))), BOUNDARY, none))
			.isNull();
		assertThat(none).doesNotExist();
	}

	@Test
	void aBodyCutInsideThePartIsMalformed() {
		byte[] body = body(part("file", "a.bin", null, new byte[1000]));
		byte[] cut = java.util.Arrays.copyOf(body, body.length - BOUNDARY.length() - 8);

		assertThatExceptionOfType(MultipartFileReader.MalformedBodyException.class)
			.isThrownBy(() -> MultipartFileReader.read(new ByteArrayInputStream(cut), BOUNDARY, this.tmp.resolve("c")));
		assertThatExceptionOfType(MultipartFileReader.MalformedBodyException.class).isThrownBy(
				() -> MultipartFileReader.read(new ByteArrayInputStream(body), "another", this.tmp.resolve("d")));
	}

	@Test
	void theBoundaryComesFromTheContentTypeQuotedOrNot() {
		assertThat(MultipartFileReader.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
		assertThat(MultipartFileReader.boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b\""))
			.isEqualTo("a b");
		assertThat(MultipartFileReader.boundary("multipart/form-data")).isNull();
	}

	@Test
	void aQuotedFileNameIsTakenAsBrowsersSendIt() {
		assertThat(MultipartFileReader.parameter("form-data; name=\"file\"; filename=\"a%22b;c.txt\"", "filename"))
			.isEqualTo("a%22b;c.txt");
		assertThat(MultipartFileReader.parameter("form-data; name=file", "name")).isEqualTo("file");
		assertThat(MultipartFileReader.parameter("form-data; name=\"file\"", "filename")).isNull();
	}

	private static byte[] part(String name, String fileName, String contentType, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String headers = "Content-Disposition: form-data; name=\"" + name + "\""
				+ ((fileName != null) ? "; filename=\"" + fileName + "\"" : "") + "\r\n"
				+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "") + "\r\n";
		out.writeBytes(headers.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] body(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("preamble\r\n".getBytes(StandardCharsets.UTF_8));
		for (byte[] part : parts) {
			out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(part);
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** The body, at most {@code readSize} bytes per read. */
	private static InputStream trickle(byte[] body, int readSize) {
		return new ByteArrayInputStream(body) {

			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, readSize));
			}

		};
	}

}
