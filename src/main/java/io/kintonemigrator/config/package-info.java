/**
 * Validated, immutable job configuration (the YAML job file). Depends only on the client
 * API's value types.
 */
@NullMarked
package io.kintonemigrator.config;

import org.jspecify.annotations.NullMarked;
