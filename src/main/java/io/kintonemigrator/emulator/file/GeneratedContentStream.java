package io.kintonemigrator.emulator.file;

import java.io.InputStream;

/**
 * The bytes of a {@link GeneratedBlob}: block {@code i} (8 bytes) is SplitMix64 of {@code seed + i}, so any
 * position can be produced without producing what comes before it.
 */
public final class GeneratedContentStream extends InputStream {

	private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

	private final long size;

	private final long seed;

	private long position;

	public GeneratedContentStream(long size, long seed) {
		this.size = size;
		this.seed = seed;
	}

	@Override
	public int read() {
		if (this.position >= this.size) {
			return -1;
		}
		int value = byteAt(this.position);
		this.position++;
		return value;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		long remaining = this.size - this.position;
		if (remaining <= 0) {
			return -1;
		}
		int count = (int) Math.min(length, remaining);
		int i = 0;
		while (i < count) {
			long block = this.position >>> 3;
			int inBlock = (int) (this.position & 7);
			long bits = mix(this.seed + block * GOLDEN_GAMMA);
			for (int b = inBlock; b < 8 && i < count; b++, i++) {
				buffer[offset + i] = (byte) (bits >>> (b * 8));
				this.position++;
			}
		}
		return count;
	}

	@Override
	public long skip(long n) {
		long skipped = Math.max(0, Math.min(n, this.size - this.position));
		this.position += skipped;
		return skipped;
	}

	@Override
	public int available() {
		return (int) Math.min(Integer.MAX_VALUE, this.size - this.position);
	}

	private int byteAt(long pos) {
		long bits = mix(this.seed + (pos >>> 3) * GOLDEN_GAMMA);
		return (int) (bits >>> ((pos & 7) * 8)) & 0xFF;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
