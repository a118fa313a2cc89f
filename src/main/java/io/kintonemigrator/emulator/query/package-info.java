/**
 * kintone's query language: parser and evaluator over {@link io.kintonemigrator.emulator.query.QueryableRecord}.
 */
@NullMarked
package io.kintonemigrator.emulator.query;

import org.jspecify.annotations.NullMarked;
