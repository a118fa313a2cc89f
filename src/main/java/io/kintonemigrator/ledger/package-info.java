/**
 * Durable state in the job repository's database: per-attachment outcomes, API usage
 * counters, the watermarks of incremental runs and the job locks that keep runs from
 * overlapping.
 */
@NullMarked
package io.kintonemigrator.ledger;

import org.jspecify.annotations.NullMarked;
