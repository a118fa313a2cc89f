package io.kintonemigrator.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.kintonemigrator.transfer.MemoryBudget.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class MemoryFileBufferTests {

	private static final int SIZE = 3 * BLOCK + 17;

	private final byte[] file = new byte[SIZE];

	MemoryFileBufferTests() {
		new Random(16).nextBytes(this.file);
	}

	@Test
	void bytesWrittenAcrossBlocksAreReadBackTheSameEveryTime() throws IOException {
		MemoryFileBuffer buffer = new MemoryFileBuffer(new MemoryBudget(4L * BLOCK).take(SIZE));

		write(buffer, 1000);

		assertThat(buffer.size()).isEqualTo(SIZE);
		assertThat(readAll(buffer, 777)).isEqualTo(this.file);
		// a retried upload reads from the first byte again
		assertThat(readAll(buffer, 256 * 1024)).isEqualTo(this.file);
	}

	@Test
	void aSecondDownloadOverwritesTheFirst() throws IOException {
		MemoryFileBuffer buffer = new MemoryFileBuffer(new MemoryBudget(4L * BLOCK).take(SIZE));
		write(buffer, BLOCK);

		try (WritableByteChannel channel = buffer.overwrite()) {
			channel.write(ByteBuffer.wrap(this.file, 0, 5));
		}

		assertThat(readAll(buffer, 3)).isEqualTo(Arrays.copyOf(this.file, 5));
	}

	@Test
	void moreBytesThanTheBlocksHoldOverflow() throws IOException {
		MemoryFileBuffer buffer = new MemoryFileBuffer(new MemoryBudget(4L * BLOCK).take(BLOCK));
		WritableByteChannel channel = buffer.overwrite();
		channel.write(ByteBuffer.wrap(this.file, 0, BLOCK - 1));

		assertThatIOException().isThrownBy(() -> channel.write(ByteBuffer.wrap(this.file, 0, 2)));
		assertThat(buffer.overflowed()).isTrue();
	}

	private void write(MemoryFileBuffer buffer, int chunk) throws IOException {
		try (WritableByteChannel channel = buffer.overwrite()) {
			for (int offset = 0; offset < SIZE; offset += chunk) {
				ByteBuffer part = ByteBuffer.wrap(this.file, offset, Math.min(chunk, SIZE - offset));
				assertThat(channel.write(part)).isEqualTo(Math.min(chunk, SIZE - offset));
				assertThat(part.hasRemaining()).isFalse();
			}
		}
	}

	private static byte[] readAll(MemoryFileBuffer buffer, int chunk) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer target = ByteBuffer.allocate(chunk);
		try (ReadableByteChannel channel = buffer.read()) {
			while (channel.read(target.clear()) >= 0) {
				out.write(target.array(), 0, target.position());
			}
		}
		return out.toByteArray();
	}

}
