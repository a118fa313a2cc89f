package io.kintonemigrator.emulator.file;

import java.io.InputStream;

/**
 * Deterministic content that is never stored: the same size and seed always give the same
 * bytes, produced on the fly each time the blob is opened. Lets tests seed many or large
 * files without disk or heap.
 */
public final class GeneratedBlob extends HashRememberingBlob {

	private final long size;

	private final long seed;

	public GeneratedBlob(long size, long seed) {
		if (size < 0) {
			throw new IllegalArgumentException("generated file size must not be negative, got " + size);
		}
		this.size = size;
		this.seed = seed;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public InputStream open() {
		return new GeneratedContentStream(this.size, this.seed);
	}

	@Override
	public void discard() {
	}

	@Override
	public String toString() {
		return "GeneratedBlob[" + this.size + " bytes, seed " + this.seed + "]";
	}

}
