/**
 * kintone's query language: parser and evaluator over
 * {@link io.kintonemigrator.emulator.query.QueryableRecord}.
 *
 * <p>
 * Public API: {@link io.kintonemigrator.emulator.query.RecordQuery} (parse a query, test
 * records, order them, read limit/offset),
 * {@link io.kintonemigrator.emulator.query.QueryContext} (clock, zone, login user),
 * {@link io.kintonemigrator.emulator.query.QueryException} (kintone's error code and
 * messages), and the two interfaces the record store implements,
 * {@link io.kintonemigrator.emulator.query.QuerySchema} and
 * {@link io.kintonemigrator.emulator.query.QueryableRecord}. Everything else is
 * package-private: {@code Tokenizer} → {@code QueryParser} (immutable AST:
 * {@code QueryAst}, {@code Expression}, {@code Operand}) →
 * {@code ConditionCompiler}/{@code ValueTests}/{@code DateFunctions}/{@code TimeAxis},
 * {@code RecordOrdering}, {@code Paging}. Depends only on
 * {@code io.kintonemigrator.emulator.model}.
 */
@NullMarked
package io.kintonemigrator.emulator.query;

import org.jspecify.annotations.NullMarked;
