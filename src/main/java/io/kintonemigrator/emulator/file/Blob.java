package io.kintonemigrator.emulator.file;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one stored file. Content is only ever streamed: {@link #open()} returns a
 * fresh stream the caller closes. Implementations are thread-safe; several readers may
 * stream one blob at once.
 */
public interface Blob {

	/** Size in bytes. */
	long size();

	/** A new stream over the whole content; the caller closes it. */
	InputStream open() throws IOException;

	/**
	 * Lower-case hex SHA-256 of the content, computed by streaming it once and then
	 * remembered.
	 */
	String sha256();

	/**
	 * Releases the storage behind this blob (deletes its file). Streams already open keep
	 * working.
	 */
	void discard();

}
