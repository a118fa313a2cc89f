package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.store.EmulatorStore;

/** What every API handler may use: the domain's state and the behaviour switches. */
public record ApiContext(EmulatorStore store, ApiSettings settings) {
}
