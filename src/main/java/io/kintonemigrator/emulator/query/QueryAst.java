package io.kintonemigrator.emulator.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A query as written, before any field is looked up: the filter (null when the query has
 * none), the sort keys and the raw limit/offset tokens (validated later, because their
 * errors are not syntax errors).
 */
record QueryAst(@Nullable Expression filter, List<SortKey> orderBy, @Nullable Token limit, @Nullable Token offset) {

	QueryAst {
		orderBy = List.copyOf(orderBy);
	}

	/** One {@code order by} key. */
	record SortKey(String field, boolean descending) {
	}

}
