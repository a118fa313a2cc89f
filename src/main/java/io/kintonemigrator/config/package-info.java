/**
 * Validated, immutable job configuration (the YAML job file) and cross-cutting settings. Depends on nothing else of ours.
 */
@NullMarked
package io.kintonemigrator.config;

import org.jspecify.annotations.NullMarked;
