package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.store.EmulatorStore;

/**
 * What every API handler may use: the domain's state, its cursors and the behaviour
 * switches.
 */
public record ApiContext(EmulatorStore store, ApiSettings settings, CursorRegistry cursors) {

	public ApiContext(EmulatorStore store, ApiSettings settings) {
		this(store, settings, new CursorRegistry(store.clock(), settings.maxCursors(), settings.cursorLifetime()));
	}

}
