package io.kintonemigrator.kintone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link FileBuffer} in a local file, written and read through a {@link FileChannel}.
 */
final class LocalFileBuffer implements FileBuffer {

	private final Path file;

	LocalFileBuffer(Path file) {
		this.file = file;
	}

	@Override
	public WritableByteChannel overwrite() throws IOException {
		return FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE);
	}

	@Override
	public ReadableByteChannel read() throws IOException {
		return FileChannel.open(this.file, StandardOpenOption.READ);
	}

	@Override
	public long size() throws IOException {
		return Files.size(this.file);
	}

	@Override
	public void discard() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// the owner cleans up its directory
		}
	}

	@Override
	public String toString() {
		return this.file.toString();
	}

}
