package io.kintonemigrator.emulator.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk {@code read} writes whole blocks at once; it must give exactly the bytes the
 * one-byte {@code read} (the definition: byte {@code p} is byte {@code p % 8} of
 * SplitMix64 of block {@code p / 8}) gives, whatever the buffer sizes, offsets and skips.
 */
class GeneratedContentStreamTests {

	@Test
	void bulkReadsGiveTheSameBytesAsOneByteReadsAtAnyAlignment() throws IOException {
		Random random = new Random(42);
		for (long size : new long[] { 0, 1, 7, 8, 9, 63, 64, 65, 1000, 65_537 }) {
			byte[] expected = oneByteAtATime(new GeneratedContentStream(size, 12345L + size));
			ByteArrayOutputStream actual = new ByteArrayOutputStream();
			try (InputStream in = new GeneratedContentStream(size, 12345L + size)) {
				for (;;) {
					int offset = random.nextInt(5);
					byte[] buffer = new byte[offset + 1 + random.nextInt(40)];
					int n = in.read(buffer, offset, buffer.length - offset);
					if (n == -1) {
						break;
					}
					actual.write(buffer, offset, n);
				}
			}
			assertThat(actual.toByteArray()).as("size %d", size).isEqualTo(expected);
		}
	}

	@Test
	void readsAfterASkipContinueAtThePosition() throws IOException {
		byte[] all = oneByteAtATime(new GeneratedContentStream(100, 7));
		try (InputStream in = new GeneratedContentStream(100, 7)) {
			assertThat(in.skip(13)).isEqualTo(13);
			byte[] rest = in.readAllBytes();
			assertThat(rest).isEqualTo(Arrays.copyOfRange(all, 13, 100));
		}
	}

	@Test
	void differentSeedsGiveDifferentBytes() throws IOException {
		assertThat(new GeneratedContentStream(64, 1).readAllBytes())
			.isNotEqualTo(new GeneratedContentStream(64, 2).readAllBytes());
	}

	private static byte[] oneByteAtATime(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int b; (b = in.read()) != -1;) {
			out.write(b);
		}
		return out.toByteArray();
	}

}
