package io.kintonemigrator.kintone;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Where a file's bytes wait between its download and its upload: a local file
 * ({@link #of(Path)}) or memory. A download writes it from the first byte; an upload
 * reads it from the first byte, as often as the upload is sent (a retried upload sends
 * the whole body again). Used by one operation at a time.
 */
public interface FileBuffer {

	/**
	 * Opens the buffer for writing from the first byte; what an earlier attempt wrote is
	 * dropped. The caller closes the channel.
	 */
	WritableByteChannel overwrite() throws IOException;

	/**
	 * Opens the content for reading from the first byte. The caller closes the channel.
	 */
	ReadableByteChannel read() throws IOException;

	/** The bytes held. */
	long size() throws IOException;

	/**
	 * Drops the content (a failed download leaves nothing behind); never fails.
	 */
	void discard();

	/** A buffer in {@code file}, which the caller owns: {@link #discard()} deletes it. */
	static FileBuffer of(Path file) {
		return new LocalFileBuffer(file);
	}

}
