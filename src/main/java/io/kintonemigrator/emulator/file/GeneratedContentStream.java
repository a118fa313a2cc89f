package io.kintonemigrator.emulator.file;

import java.util.Objects;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bytes of a {@link GeneratedBlob}: block {@code i} (8 bytes) is SplitMix64 of
 * {@code seed + i}, so any position can be produced without producing what comes before
 * it.
 */
public final class GeneratedContentStream extends InputStream {

	private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

	/** Byte {@code b} of a block is bits {@code 8b..8b+7} of its value: little-endian. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		long remaining = this.size - this.position;
		if (remaining <= 0) {
			return -1;
		}
		int count = (int) Math.min(length, remaining);
		int i = 0;
		// the first, partial block byte by byte; whole blocks as one little-endian long
		// each; then the rest
		while (i < count && (this.position & 7) != 0) {
			buffer[offset + i++] = (byte) byteAt(this.position++);
		}
		for (; count - i >= 8; i += 8, this.position += 8) {
			LONGS.set(buffer, offset + i, mix(this.seed + (this.position >>> 3) * GOLDEN_GAMMA));
		}
		while (i < count) {
			buffer[offset + i++] = (byte) byteAt(this.position++);
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
