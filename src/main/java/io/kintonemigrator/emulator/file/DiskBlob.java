package io.kintonemigrator.emulator.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content stored in a file of the emulator's data directory. */
final class DiskBlob extends HashRememberingBlob {

	private final Path path;

	private final long size;

	DiskBlob(Path path, long size) {
		this.path = path;
		this.size = size;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public InputStream open() throws IOException {
		return Files.newInputStream(this.path);
	}

	@Override
	public void discard() {
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			// best effort: the data directory is removed on close anyway
		}
	}

	@Override
	public String toString() {
		return "DiskBlob[" + this.path.getFileName() + ", " + this.size + " bytes]";
	}

}
