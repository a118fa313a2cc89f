/**
 * Fault injection: latency, a bandwidth cap per response, and transient failures (429
 * {@code GAIA_TO04}, plain-text 503, 400 {@code GAIA_DA02}, a connection reset in
 * mid-body, stalls) drawn per request from a seeded random source, so a run with the same
 * seed and the same request sequence sees the same faults.
 *
 * <p>
 * Public API: {@link io.kintonemigrator.emulator.fault.FaultSettings} and
 * {@link io.kintonemigrator.emulator.fault.FaultKind}. {@code FaultInjectionFilter} is
 * installed by {@code KintoneEmulator} in the one filter chain every kintone request
 * passes; {@code /__emulator/*} never reaches it.
 */
@NullMarked
package io.kintonemigrator.emulator.fault;

import org.jspecify.annotations.NullMarked;
