package io.kintonemigrator.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.kintonemigrator.kintone.FileBuffer;

/**
 * A {@link FileBuffer} in blocks of {@link MemoryBudget#BLOCK} bytes, filled in order:
 * its capacity is fixed (at least the size the source record announces). Writing more
 * than the capacity fails with an {@link IOException} and marks the buffer
 * {@link #overflowed()}: the transfer then moves the file through a temp file.
 */
final class MemoryFileBuffer implements FileBuffer {

	private final byte[][] blocks;

	private final long capacity;

	private long size;

	private boolean overflowed;

	/** A buffer in {@code blocks} (the caller's, reused after this buffer is done). */
	MemoryFileBuffer(byte[][] blocks) {
		this.blocks = blocks;
		this.capacity = (long) blocks.length * MemoryBudget.BLOCK;
	}

	@Override
	public WritableByteChannel overwrite() {
		this.size = 0;
		this.overflowed = false;
		return new WritableByteChannel() {

			@Override
			public int write(ByteBuffer source) throws IOException {
				int count = source.remaining();
				if (count > MemoryFileBuffer.this.capacity - MemoryFileBuffer.this.size) {
					MemoryFileBuffer.this.overflowed = true;
					throw new IOException(
							"the file has more than the " + MemoryFileBuffer.this.capacity + " bytes it was given");
				}
				while (source.hasRemaining()) {
					MemoryFileBuffer.this.size += copy(MemoryFileBuffer.this.size, source.remaining(),
							(block, offset, length) -> source.get(block, offset, length));
				}
				return count;
			}

			@Override
			public boolean isOpen() {
				return true;
			}

			@Override
			public void close() {
			}

		};
	}

	@Override
	public ReadableByteChannel read() {
		long end = this.size;
		return new ReadableByteChannel() {

			private long position;

			@Override
			public int read(ByteBuffer target) {
				if (this.position == end) {
					return -1;
				}
				int count = (int) Math.min(target.remaining(), end - this.position);
				int copied = 0;
				while (copied < count) {
					copied += copy(this.position + copied, count - copied,
							(block, offset, length) -> target.put(block, offset, length));
				}
				this.position += count;
				return count;
			}

			@Override
			public boolean isOpen() {
				return true;
			}

			@Override
			public void close() {
			}

		};
	}

	/**
	 * Copies between {@code position} and the end of its block, at most {@code most}
	 * bytes; returns how many.
	 */
	private int copy(long position, int most, Copy copy) {
		int offset = (int) (position % MemoryBudget.BLOCK);
		int length = Math.min(most, MemoryBudget.BLOCK - offset);
		copy.copy(this.blocks[(int) (position / MemoryBudget.BLOCK)], offset, length);
		return length;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public void discard() {
		this.size = 0;
	}

	/** Whether the last download wrote more than the capacity. */
	boolean overflowed() {
		return this.overflowed;
	}

	@Override
	public String toString() {
		return "memory buffer of " + this.capacity + " bytes";
	}

	/** A copy between a part of one block and a {@link ByteBuffer}. */
	@FunctionalInterface
	private interface Copy {

		void copy(byte[] block, int offset, int length);

	}

}
