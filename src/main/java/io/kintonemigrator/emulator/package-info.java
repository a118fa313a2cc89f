/**
 * An independent implementation of the kintone REST API served over real HTTP on
 * localhost. Depends on nothing else of ours, and nothing of ours depends on it except
 * {@code launch} and tests.
 *
 * <p>
 * Public API: {@link io.kintonemigrator.emulator.KintoneEmulator} (base URL, request log,
 * stats, direct read access to records and files) and its
 * {@link io.kintonemigrator.emulator.KintoneEmulatorBuilder} (options, start), the seed
 * types {@link io.kintonemigrator.emulator.EmulatorSeed},
 * {@link io.kintonemigrator.emulator.AppSeed},
 * {@link io.kintonemigrator.emulator.FieldSpec},
 * {@link io.kintonemigrator.emulator.RecordSeed},
 * {@link io.kintonemigrator.emulator.RowSeed} and
 * {@link io.kintonemigrator.emulator.FileContent}. What tests read back lives in
 * {@code store} ({@code StoredRecord}, {@code StoredRow}, {@code StoredFile}) and
 * {@code observe} ({@code RequestLogEntry}, {@code EmulatorStats}). Around it:
 * {@code fault} ({@code FaultSettings}: latency, bandwidth cap, transient failures from a
 * seeded random source, set with {@code KintoneEmulatorBuilder#faults} or
 * {@code KintoneEmulator#faults} while running), {@code seed} ({@code SeedFile} reads the
 * YAML seed format of {@code docs/emulator.md}; {@code DataSetGenerator} builds large
 * deterministic data sets), and the endpoints {@code /__emulator/stats} and
 * {@code /__emulator/requests}, outside {@code /k/}: not counted, not faulted, no
 * authentication.
 *
 * <p>
 * Inside: {@code http} (Jetty server, the one filter chain every request enters, routing,
 * parameters, error rendering, file streaming) → {@code api} (authentication, kintone's
 * error codes, one handler per API) → {@code store} (apps, records, upload and download
 * keys, all-or-nothing write transactions) and {@code file} (content on disk or generated
 * on the fly). {@code query} is the query language, {@code model} the form.
 *
 * <p>
 * Defaults chosen where kintone-api.md says UNCONFIRMED (each configurable on the
 * builder): reusing an attached upload key and attaching a foreign download key are 400
 * {@code GAIA_IF02}; an expired or unknown upload key is 400 {@code GAIA_IF02}; an upload
 * above the size limit (1 GiB) is 400 {@code CB_VA01} with {@code errors.file};
 * {@code GAIA_RE20} is 404; malformed JSON {@code CB_IJ01} is 400; more than nine API
 * tokens is 400 {@code CB_IL02}; unknown paths and methods are a plain (non-JSON) 404.
 * The status of any code can be forced with {@code KintoneEmulatorBuilder#errorStatus}.
 */
@NullMarked
package io.kintonemigrator.emulator;

import org.jspecify.annotations.NullMarked;
