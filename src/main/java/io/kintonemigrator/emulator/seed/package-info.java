/**
 * Seeds beyond hand-written Java: {@link io.kintonemigrator.emulator.seed.SeedFile} reads
 * the YAML seed file format (documented in {@code docs/emulator.md}) into an
 * {@link io.kintonemigrator.emulator.EmulatorSeed}, and
 * {@link io.kintonemigrator.emulator.seed.DataSetGenerator} fills apps with large
 * deterministic data sets (N records × M files of given sizes) for tests and benchmarks.
 * Uses only the emulator's public seed API.
 */
@NullMarked
package io.kintonemigrator.emulator.seed;

import org.jspecify.annotations.NullMarked;
