package io.kintonemigrator.emulator.seed;

/**
 * A seed file that cannot be used; the message is one line naming the file, the key and
 * the problem.
 */
public final class SeedFileException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	SeedFileException(String message) {
		super(message);
	}

}
