/**
 * Durable per-attachment state and API usage counters, in the job repository's database.
 */
@NullMarked
package io.kintonemigrator.ledger;

import org.jspecify.annotations.NullMarked;
