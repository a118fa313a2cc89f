package io.kintonemigrator.emulator.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The emulator's data directory: {@code blobs/} holds stored file content,
 * {@code multipart/} is where the servlet container spools uploads as they arrive (same
 * file system, so taking over an upload is a rename). Thread-safe.
 */
public final class FileStorage {

	private final Path blobs;

	private final Path multipart;

	public FileStorage(Path dataDirectory) {
		try {
			this.blobs = Files.createDirectories(dataDirectory.resolve("blobs"));
			this.multipart = Files.createDirectories(dataDirectory.resolve("multipart"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the emulator data directory " + dataDirectory, ex);
		}
	}

	/** Where the servlet container writes multipart parts while they arrive. */
	public Path multipartDirectory() {
		return this.multipart;
	}

	/** A fresh path in the blob directory for {@link #adopt(Path)}-style writes. */
	public Path newBlobPath() {
		return this.blobs.resolve(UUID.randomUUID().toString());
	}

	/** Takes over a file already written to {@link #newBlobPath()}. */
	public Blob adopt(Path blobPath) {
		try {
			return new DiskBlob(blobPath, Files.size(blobPath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read stored upload " + blobPath.getFileName(), ex);
		}
	}

	/** Streams the content into a new blob; the caller closes the stream. */
	public Blob store(InputStream content) {
		Path path = newBlobPath();
		try {
			Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
			return adopt(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store file content in " + this.blobs, ex);
		}
	}

}
