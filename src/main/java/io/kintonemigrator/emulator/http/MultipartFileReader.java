package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body as it arrives and writes the content of the
 * first part named {@code file} that has a file name straight to a file, in chunks of up
 * to {@value #CHUNK} bytes: no copy through the servlet container's spool files, one
 * write per chunk. Other parts are read and dropped. Not thread-safe; one per request.
 */
final class MultipartFileReader {

	/** Bytes read from the request and written to the file at once. */
	static final int CHUNK = 256 * 1024;

	private static final int MAX_HEADER_BYTES = 16 * 1024;

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] HEADER_END = { '\r', '\n', '\r', '\n' };

	private final InputStream body;

	/** {@code --boundary}. */
	private final byte[] dashBoundary;

	/** {@code CRLF--boundary}: what ends a part's content. */
	private final byte[] delimiter;

	/** How far the delimiter search may move on after each last byte. */
	private final int[] shifts = new int[256];

	private final byte[] buffer;

	private int start;

	private int end;

	private boolean eof;

	private MultipartFileReader(InputStream body, String boundary) {
		this.body = body;
		this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.buffer = new byte[Math.max(CHUNK, 2 * MAX_HEADER_BYTES)];
		Arrays.fill(this.shifts, this.delimiter.length);
		for (int i = 0; i < this.delimiter.length - 1; i++) {
			this.shifts[this.delimiter[i] & 0xff] = this.delimiter.length - 1 - i;
		}
	}

	/**
	 * The file part, its content written to {@code target} (created), or null if the body
	 * has no part named {@code file} with a file name (then {@code target} is not
	 * created). Reads the whole body.
	 * @param boundary the {@code boundary} parameter of the request's content type
	 * @throws MalformedBodyException if the body is no multipart form with that boundary
	 */
	static @Nullable FilePart read(InputStream body, String boundary, Path target) throws IOException {
		return new MultipartFileReader(body, boundary).readAll(target);
	}

	/**
	 * The boundary of a {@code multipart/form-data} content type, or null.
	 */
	static @Nullable String boundary(String contentType) {
		for (String parameter : contentType.split(";")) {
			String trimmed = parameter.trim();
			if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				String value = unquote(trimmed.substring("boundary=".length()).trim());
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	private @Nullable FilePart readAll(Path target) throws IOException {
		// the preamble, up to the first boundary line
		if (!skipPast(this.dashBoundary, Long.MAX_VALUE)) {
			throw new MalformedBodyException("no boundary in the body");
		}
		FilePart file = null;
		while (!closingBoundary()) {
			String headers = headers();
			String disposition = header(headers, "content-disposition");
			String name = (disposition != null) ? parameter(disposition, "name") : null;
			String fileName = (disposition != null) ? parameter(disposition, "filename") : null;
			if (file == null && "file".equals(name) && fileName != null) {
				long size;
				try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					size = content(out);
				}
				file = new FilePart(fileName, header(headers, "content-type"), size);
			}
			else {
				content(null);
			}
		}
		return file;
	}

	/**
	 * After a boundary: whether it was the closing one ({@code --}); else the CRLF that
	 * starts the next part's headers is consumed.
	 */
	private boolean closingBoundary() throws IOException {
		if (!fill(2)) {
			throw new MalformedBodyException("the body ends after a boundary");
		}
		if (this.buffer[this.start] == '-' && this.buffer[this.start + 1] == '-') {
			drain();
			return true;
		}
		// transport padding (spaces, tabs) may precede the CRLF
		if (!skipPast(CRLF, 1024)) {
			throw new MalformedBodyException("no line break after a boundary");
		}
		return false;
	}

	/** A part's header block, decoded as UTF-8 (browsers send file names that way). */
	private String headers() throws IOException {
		if (fill(2) && this.buffer[this.start] == '\r' && this.buffer[this.start + 1] == '\n') {
			this.start += 2;
			return "";
		}
		while (true) {
			int at = indexOf(HEADER_END, this.start, this.end);
			if (at >= 0) {
				String headers = new String(this.buffer, this.start, at - this.start, StandardCharsets.UTF_8);
				this.start = at + HEADER_END.length;
				return headers;
			}
			if (this.end - this.start >= MAX_HEADER_BYTES) {
				throw new MalformedBodyException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
			}
			if (!readMore()) {
				throw new MalformedBodyException("the body ends in a part's headers");
			}
		}
	}

	/**
	 * Streams a part's content up to the next delimiter into {@code out} (null: drop it)
	 * and consumes the delimiter; returns the content's length.
	 */
	private long content(@Nullable FileChannel out) throws IOException {
		long size = 0;
		while (true) {
			int at = findDelimiter(this.start, this.end);
			if (at >= 0) {
				size += write(out, at);
				this.start = at + this.delimiter.length;
				return size;
			}
			// all but a tail that may be the start of the delimiter, then a full buffer
			// more: one write per buffer, however small the container's reads
			int safe = Math.max(this.start, this.end - this.delimiter.length + 1);
			size += write(out, safe);
			if (!readMore()) {
				throw new MalformedBodyException("the body ends inside a part");
			}
			while (this.end < this.buffer.length && readMore()) {
				// filling
			}
		}
	}

	/**
	 * Where the delimiter starts in the buffer, or -1: Boyer-Moore-Horspool, so most
	 * content bytes are skipped rather than compared.
	 */
	private int findDelimiter(int from, int to) {
		int length = this.delimiter.length;
		byte last = this.delimiter[length - 1];
		int i = from;
		while (i <= to - length) {
			byte candidate = this.buffer[i + length - 1];
			if (candidate == last && Arrays.equals(this.buffer, i, i + length - 1, this.delimiter, 0, length - 1)) {
				return i;
			}
			i += this.shifts[candidate & 0xff];
		}
		return -1;
	}

	private int write(@Nullable FileChannel out, int until) throws IOException {
		int count = until - this.start;
		if (out != null && count > 0) {
			ByteBuffer chunk = ByteBuffer.wrap(this.buffer, this.start, count);
			while (chunk.hasRemaining()) {
				out.write(chunk);
			}
		}
		this.start = until;
		return count;
	}

	/**
	 * Consumes everything up to and including {@code marker}, looking at most
	 * {@code limit} bytes ahead; false if the body ends (or the limit passes) first.
	 */
	private boolean skipPast(byte[] marker, long limit) throws IOException {
		long skipped = 0;
		while (true) {
			int at = indexOf(marker, this.start, this.end);
			if (at >= 0) {
				this.start = at + marker.length;
				return true;
			}
			int keep = Math.max(this.start, this.end - marker.length + 1);
			skipped += keep - this.start;
			this.start = keep;
			if (skipped > limit || !readMore()) {
				return false;
			}
		}
	}

	/** Reads and drops the rest of the body (the epilogue). */
	private void drain() throws IOException {
		this.start = this.end;
		while (readMore()) {
			this.start = this.end;
		}
	}

	/** Makes at least {@code count} bytes available; false if the body ends first. */
	private boolean fill(int count) throws IOException {
		while (this.end - this.start < count) {
			if (!readMore()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Moves the unread bytes to the front and reads more behind them; false at the end of
	 * the body.
	 */
	private boolean readMore() throws IOException {
		if (this.eof) {
			return false;
		}
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.start = 0;
		}
		int read = this.body.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read < 0) {
			this.eof = true;
			return false;
		}
		this.end += read;
		return true;
	}

	private int indexOf(byte[] marker, int from, int to) {
		byte first = marker[0];
		for (int i = from; i <= to - marker.length; i++) {
			if (this.buffer[i] == first
					&& Arrays.equals(this.buffer, i + 1, i + marker.length, marker, 1, marker.length)) {
				return i;
			}
		}
		return -1;
	}

	private static @Nullable String header(String headers, String name) {
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	/**
	 * A parameter of a {@code Content-Disposition} value: quoted (taken up to the closing
	 * quote as it is, as browsers send it: they escape a quote as {@code %22}, not with a
	 * backslash) or a plain token.
	 */
	static @Nullable String parameter(String value, String name) {
		int i = value.indexOf(';');
		while (i >= 0 && i < value.length()) {
			int from = i + 1;
			while (from < value.length() && value.charAt(from) == ' ') {
				from++;
			}
			int equals = value.indexOf('=', from);
			if (equals < 0) {
				return null;
			}
			String key = value.substring(from, equals).trim();
			int valueStart = equals + 1;
			String parameterValue;
			int next;
			if (valueStart < value.length() && value.charAt(valueStart) == '"') {
				int close = value.indexOf('"', valueStart + 1);
				if (close < 0) {
					return null;
				}
				parameterValue = value.substring(valueStart + 1, close);
				next = value.indexOf(';', close);
			}
			else {
				next = value.indexOf(';', valueStart);
				parameterValue = value.substring(valueStart, (next < 0) ? value.length() : next).trim();
			}
			if (key.equalsIgnoreCase(name)) {
				return parameterValue;
			}
			i = next;
		}
		return null;
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	/** The file part: its submitted name and content type, and the bytes written. */
	record FilePart(String fileName, @Nullable String contentType, long size) {
	}

	/** The body is not the multipart form its content type announced. */
	static final class MalformedBodyException extends IOException {

		MalformedBodyException(String message) {
			super(message);
		}

	}

}
