/**
 * One attachment as a unit of work: download while hashing (into memory under the
 * process's shared budget, else into a private temp file), then upload. Free of Spring
 * Batch.
 */
@NullMarked
package io.kintonemigrator.transfer;

import org.jspecify.annotations.NullMarked;
