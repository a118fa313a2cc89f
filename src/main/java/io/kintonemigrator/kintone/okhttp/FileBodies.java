package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.kintonemigrator.kintone.DownloadedFile;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.HashingSink;
import okio.Okio;
import okio.Sink;
import okio.Timeout;

/**
 * File bodies, streamed in both directions: never {@code bytes()} or {@code string()},
 * never a whole file in memory, only Okio's 8 KiB segments in flight.
 */
final class FileBodies {

	static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

	private FileBodies() {
	}

	/**
	 * kintone's upload form: one part named {@code file} with the file name and content
	 * type, its body read from {@code source} as the request is written (and read again
	 * from the first byte if it is ever written again). OkHttp writes the file name as
	 * raw UTF-8, as browsers do and kintone expects, escaping only {@code "}, CR and LF
	 * as {@code %22}, {@code %0D}, {@code %0A}, also as browsers do.
	 */
	static MultipartBody uploadForm(Path source, String fileName, String contentType) {
		MediaType type = MediaType.parse(contentType);
		return new MultipartBody.Builder().setType(MultipartBody.FORM)
			.addFormDataPart("file", fileName, RequestBody.create(source.toFile(), type == null ? OCTET_STREAM : type))
			.build();
	}

	/**
	 * Streams a successful response's body into {@code target} (created or truncated)
	 * through a SHA-256 hashing sink. Closes the body, not the response.
	 * @throws IOException on any read or write failure, or when fewer bytes arrive than
	 * announced
	 */
	static DownloadedFile save(Response response, Path target) throws IOException {
		ResponseBody body = response.body();
		String contentType = response.header("Content-Type", OCTET_STREAM.toString());
		long written;
		String sha256;
		try (BufferedSource source = body.source(); HashingSink sink = HashingSink.sha256(new LocalFileSink(target))) {
			written = source.readAll(sink);
			sha256 = sink.hash().hex();
		}
		long expected = body.contentLength();
		if (expected >= 0 && written != expected) {
			throw new IOException("file body ended after " + written + " of " + expected + " bytes");
		}
		return new DownloadedFile(contentType, written, sha256);
	}

	/**
	 * Writing the local file failed (disk full, no permission): nothing the network or a
	 * retry can fix.
	 */
	static final class LocalFileException extends IOException {

		LocalFileException(IOException cause) {
			super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
					cause);
		}

	}

	/**
	 * A file sink whose every failure is a {@link LocalFileException}, told apart from
	 * the body's read failures.
	 */
	private static final class LocalFileSink implements Sink {

		private final Sink file;

		LocalFileSink(Path target) throws LocalFileException {
			try {
				this.file = Okio.sink(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
						StandardOpenOption.WRITE);
			}
			catch (IOException ex) {
				throw new LocalFileException(ex);
			}
		}

		@Override
		public void write(Buffer source, long byteCount) throws IOException {
			try {
				file.write(source, byteCount);
			}
			catch (IOException ex) {
				throw new LocalFileException(ex);
			}
		}

		@Override
		public void flush() throws IOException {
			try {
				file.flush();
			}
			catch (IOException ex) {
				throw new LocalFileException(ex);
			}
		}

		@Override
		public Timeout timeout() {
			return file.timeout();
		}

		@Override
		public void close() throws IOException {
			try {
				file.close();
			}
			catch (IOException ex) {
				throw new LocalFileException(ex);
			}
		}

	}

	static void deleteQuietly(Path target) {
		try {
			Files.deleteIfExists(target);
		}
		catch (IOException ignored) {
			// the caller owns target and cleans up its directory
		}
	}

}
