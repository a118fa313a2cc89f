package io.kintonemigrator.report;

import java.io.Writer;

import org.slf4j.Logger;

/**
 * A writer that turns each line written to it into one INFO event of a logger, so that
 * with structured logging ({@code --log-format json}) everything the command prints on
 * stdout is a JSON line. A partial line waits for its newline (or {@link #close}).
 * Thread-safe.
 */
public final class LogLineWriter extends Writer {

	private final Logger logger;

	private final StringBuilder line = new StringBuilder();

	public LogLineWriter(Logger logger) {
		this.logger = logger;
	}

	@Override
	public synchronized void write(char[] buffer, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			char c = buffer[i];
			if (c == '\n') {
				emit();
			}
			else if (c != '\r') {
				line.append(c);
			}
		}
	}

	@Override
	public void flush() {
		// a line is logged when it is complete
	}

	@Override
	public synchronized void close() {
		if (!line.isEmpty()) {
			emit();
		}
	}

	private void emit() {
		logger.info(line.toString());
		line.setLength(0);
	}

}
