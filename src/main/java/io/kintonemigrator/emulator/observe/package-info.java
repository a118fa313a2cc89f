/**
 * What the emulator saw: the request log and the request counters tests assert on.
 */
@NullMarked
package io.kintonemigrator.emulator.observe;

import org.jspecify.annotations.NullMarked;
