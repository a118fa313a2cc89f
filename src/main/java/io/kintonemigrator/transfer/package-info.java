/**
 * One attachment as a unit of work: download to a private temp file while hashing, then
 * upload. Free of Spring Batch.
 */
@NullMarked
package io.kintonemigrator.transfer;

import org.jspecify.annotations.NullMarked;
