package io.kintonemigrator.emulator.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The emulator's data directory: {@code blobs/} holds stored file content; an upload is
 * written straight to a {@link #newBlobPath()} as it arrives. Thread-safe.
 */
public final class FileStorage {

	private final Path blobs;

	public FileStorage(Path dataDirectory) {
		try {
			this.blobs = Files.createDirectories(dataDirectory.resolve("blobs"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the emulator data directory " + dataDirectory, ex);
		}
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
