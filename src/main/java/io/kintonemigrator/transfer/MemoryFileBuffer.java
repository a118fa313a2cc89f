package io.kintonemigrator.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.kintonemigrator.kintone.FileBuffer;

/**
 * A {@link FileBuffer} in a byte array of a fixed capacity (at least the size the source
 * record announces). Writing more than the capacity fails with an {@link IOException} and
 * marks the buffer {@link #overflowed()}: the transfer then moves the file through a temp
 * file.
 */
final class MemoryFileBuffer implements FileBuffer {

	private final byte[] bytes;

	private int size;

	private boolean overflowed;

	/** A buffer in {@code bytes} (the caller's, reused after this buffer is done). */
	MemoryFileBuffer(byte[] bytes) {
		this.bytes = bytes;
	}

	@Override
	public WritableByteChannel overwrite() {
		this.size = 0;
		this.overflowed = false;
		return new WritableByteChannel() {

			@Override
			public int write(ByteBuffer source) throws IOException {
				int count = source.remaining();
				if (count > MemoryFileBuffer.this.bytes.length - MemoryFileBuffer.this.size) {
					MemoryFileBuffer.this.overflowed = true;
					throw new IOException(
							"the file has more than the " + MemoryFileBuffer.this.bytes.length + " bytes it was given");
				}
				source.get(MemoryFileBuffer.this.bytes, MemoryFileBuffer.this.size, count);
				MemoryFileBuffer.this.size += count;
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
		int end = this.size;
		return new ReadableByteChannel() {

			private int position;

			@Override
			public int read(ByteBuffer target) {
				if (this.position == end) {
					return -1;
				}
				int count = Math.min(target.remaining(), end - this.position);
				target.put(MemoryFileBuffer.this.bytes, this.position, count);
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
		return "memory buffer of " + this.bytes.length + " bytes";
	}

}
