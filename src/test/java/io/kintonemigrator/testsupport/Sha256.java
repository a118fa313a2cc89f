package io.kintonemigrator.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of bytes in lower-case hex, as the emulator and the migrator report a
 * file's hash.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** The SHA-256 of {@code bytes}. */
	public static String hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

	/** The SHA-256 of {@code text} in UTF-8. */
	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

}
