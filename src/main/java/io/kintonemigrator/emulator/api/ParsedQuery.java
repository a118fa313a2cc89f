package io.kintonemigrator.emulator.api;

import java.util.Comparator;

import io.kintonemigrator.emulator.query.QueryableRecord;

import org.jspecify.annotations.Nullable;

/** A parsed {@code query} parameter: filter, order (default {@code $id desc}) and options. */
interface ParsedQuery {

	boolean matches(QueryableRecord record);

	Comparator<QueryableRecord> ordering();

	@Nullable Integer limit();

	@Nullable Integer offset();

}
