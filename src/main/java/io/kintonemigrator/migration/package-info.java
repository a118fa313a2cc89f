/**
 * The Spring Batch job: preflight, migrate (chunk-oriented), report.
 */
@NullMarked
package io.kintonemigrator.migration;

import org.jspecify.annotations.NullMarked;
