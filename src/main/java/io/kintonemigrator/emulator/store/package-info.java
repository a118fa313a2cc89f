/**
 * The emulator's state: apps, records, upload keys and download keys, changed only
 * through all-or-nothing {@link io.kintonemigrator.emulator.store.WriteTransaction}s.
 */
@NullMarked
package io.kintonemigrator.emulator.store;

import org.jspecify.annotations.NullMarked;
