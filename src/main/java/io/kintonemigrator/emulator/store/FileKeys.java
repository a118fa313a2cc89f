package io.kintonemigrator.emulator.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Mints record-style download keys shaped like kintone's: a {@code yyyyMMddHHmmss} JST
 * timestamp followed by 35 upper-case hex digits (e.g.
 * {@code 201202061155587E339F9067544F1A92C743460E3D12B3297}).
 */
final class FileKeys {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(ZoneId.of("Asia/Tokyo"));

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	FileKeys(Clock clock) {
		this.clock = clock;
	}

	String newDownloadKey() {
		StringBuilder key = new StringBuilder(49).append(TIMESTAMP.format(this.clock.instant()));
		for (int i = 0; i < 35; i++) {
			key.append(HEX[this.random.nextInt(16)]);
		}
		return key.toString();
	}

}
