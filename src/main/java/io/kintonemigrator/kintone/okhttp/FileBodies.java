package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileBuffer;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * File bodies, streamed in both directions: never {@code bytes()} or {@code string()}.
 * The local side ({@link FileBuffer}) is written and read in chunks of up to
 * {@value #CHUNK} bytes, one system call each for a file; the socket side goes through
 * Okio's segments.
 */
final class FileBodies {

	static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

	/**
	 * The most bytes moved to or from the local buffer at once: 256 KiB, 4 system calls
	 * per MB on a file (Okio moved 8 KiB per call), and at most that much heap per
	 * transfer in flight.
	 */
	static final int CHUNK = 256 * 1024;

	/**
	 * Each thread's chunk, reused by all its downloads and uploads (one at a time per
	 * thread): no garbage per file, which would make the garbage collector grow the heap.
	 */
	/**
	 * The most bytes handed to the socket's sink at once: 32 KiB. Okio copies them into
	 * its 8 KiB segments and keeps at most 64 KiB of free segments per pool; a whole
	 * chunk at once made it allocate three quarters of the segments anew, the largest
	 * part of the migration's garbage (docs/benchmarks.md, "Peak RSS without -Xmx").
	 */
	static final int SINK_SLICE = 32 * 1024;

	private static final ThreadLocal<ByteBuffer> CHUNKS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(CHUNK));

	private FileBodies() {
	}

	/**
	 * kintone's upload form: one part named {@code file} with the file name and content
	 * type, its body read from {@code source} as the request is written (and read again
	 * from the first byte if it is ever written again). OkHttp writes the file name as
	 * raw UTF-8, as browsers do and kintone expects, escaping only {@code "}, CR and LF
	 * as {@code %22}, {@code %0D}, {@code %0A}, also as browsers do.
	 */
	static MultipartBody uploadForm(FileBuffer source, String fileName, String contentType) {
		MediaType type = MediaType.parse(contentType);
		return new MultipartBody.Builder().setType(MultipartBody.FORM)
			.addFormDataPart("file", fileName, new BufferBody(source, type == null ? OCTET_STREAM : type))
			.build();
	}

	/**
	 * Streams a successful response's body into {@code target} (from its first byte)
	 * while hashing it with SHA-256. Closes the body, not the response.
	 * @throws LocalFileException when writing {@code target} fails
	 * @throws IOException on any read failure, or when fewer bytes arrive than announced
	 */
	static DownloadedFile save(Response response, FileBuffer target) throws IOException {
		ResponseBody body = response.body();
		String contentType = response.header("Content-Type", OCTET_STREAM.toString());
		long expected = body.contentLength();
		MessageDigest sha256 = sha256();
		ByteBuffer chunk = chunk();
		long written = 0;
		try (BufferedSource source = body.source(); WritableByteChannel out = local(target::overwrite)) {
			while (source.read(chunk) != -1) {
				if (!chunk.hasRemaining()) {
					written += drain(chunk, sha256, out);
				}
			}
			written += drain(chunk, sha256, out);
		}
		catch (LocalCloseException ex) {
			throw new LocalFileException(ex.getCause());
		}
		if (expected >= 0 && written != expected) {
			throw new IOException("file body ended after " + written + " of " + expected + " bytes");
		}
		return new DownloadedFile(contentType, written, HexFormat.of().formatHex(sha256.digest()));
	}

	/** This thread's chunk, empty. */
	private static ByteBuffer chunk() {
		return CHUNKS.get().clear();
	}

	/** Hashes and writes what {@code chunk} holds, then empties it; returns the count. */
	private static int drain(ByteBuffer chunk, MessageDigest sha256, WritableByteChannel out)
			throws LocalFileException {
		chunk.flip();
		int count = chunk.remaining();
		sha256.update(chunk.array(), chunk.arrayOffset(), count);
		try {
			while (chunk.hasRemaining()) {
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			throw new LocalFileException(ex);
		}
		chunk.clear();
		return count;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

	/** Opens the local side; its failure and its close's are local failures. */
	private static WritableByteChannel local(Opener opener) throws LocalFileException {
		WritableByteChannel channel;
		try {
			channel = opener.open();
		}
		catch (IOException ex) {
			throw new LocalFileException(ex);
		}
		return new WritableByteChannel() {

			@Override
			public int write(ByteBuffer source) throws IOException {
				return channel.write(source);
			}

			@Override
			public boolean isOpen() {
				return channel.isOpen();
			}

			@Override
			public void close() throws IOException {
				try {
					channel.close();
				}
				catch (IOException ex) {
					throw new LocalCloseException(ex);
				}
			}

		};
	}

	@FunctionalInterface
	private interface Opener {

		WritableByteChannel open() throws IOException;

	}

	/**
	 * Writing the local buffer failed (disk full, no permission, a memory buffer too
	 * small): nothing the network or a retry can fix.
	 */
	static final class LocalFileException extends IOException {

		LocalFileException(IOException cause) {
			super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
					cause);
		}

	}

	/** Closing the local buffer failed; told apart from the body's close. */
	private static final class LocalCloseException extends IOException {

		LocalCloseException(IOException cause) {
			super(cause);
		}

		@Override
		public synchronized IOException getCause() {
			return (IOException) super.getCause();
		}

	}

	/**
	 * An upload body read from a {@link FileBuffer} in chunks of up to {@value #CHUNK}
	 * bytes; every write starts again from the first byte, so a retried request sends the
	 * whole file.
	 */
	private static final class BufferBody extends RequestBody {

		private final FileBuffer source;

		private final MediaType type;

		BufferBody(FileBuffer source, MediaType type) {
			this.source = source;
			this.type = type;
		}

		@Override
		public MediaType contentType() {
			return this.type;
		}

		@Override
		public long contentLength() throws IOException {
			return this.source.size();
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			ByteBuffer chunk = chunk();
			try (ReadableByteChannel in = this.source.read()) {
				while (in.read(chunk) != -1) {
					chunk.flip();
					while (chunk.hasRemaining()) {
						// a slice Okio's segment pool can hold: the sink sends it and
						// recycles its segments before the next one takes them
						int count = Math.min(chunk.remaining(), SINK_SLICE);
						sink.write(chunk.array(), chunk.arrayOffset() + chunk.position(), count);
						chunk.position(chunk.position() + count);
					}
					chunk.clear();
				}
			}
		}

	}

}
