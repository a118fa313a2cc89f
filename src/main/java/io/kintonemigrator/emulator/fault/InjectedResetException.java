package io.kintonemigrator.emulator.fault;

import java.io.IOException;

/** Ends a request whose connection was cut on purpose; the fault filter swallows it. */
final class InjectedResetException extends IOException {

	private static final long serialVersionUID = 1L;

	InjectedResetException() {
		super("connection reset injected by the emulator");
	}

}
