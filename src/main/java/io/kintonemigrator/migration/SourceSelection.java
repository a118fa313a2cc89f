package io.kintonemigrator.migration;

import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.kintonemigrator.kintone.KintoneClient;

import org.jspecify.annotations.Nullable;

/**
 * Which source records an execution reads: those of a kintone query (the job's
 * {@code query}, for an incremental run ANDed with its time bound), and for
 * {@code migrate --retry-skipped} only the given record ids among them. The reader pages
 * through it and the progress counts it, so "records read N of M" counts the records this
 * execution reads. Immutable; not final, since a step-scoped bean is proxied.
 */
public class SourceSelection {

	/** Record ids per {@code $id in (...)} query: short enough for any request URL. */
	public static final int IDS_PER_QUERY = 100;

	private final @Nullable String query;

	private final @Nullable NavigableSet<Long> onlyIds;

	private final long startAfterId;

	/**
	 * @param query the kintone query, null for every record
	 * @param onlyIds when not null, only these source record ids ({@code $id in (...)},
	 * at most {@value #IDS_PER_QUERY} per request)
	 */
	public SourceSelection(@Nullable String query, @Nullable NavigableSet<Long> onlyIds) {
		this(query, onlyIds, IdRange.ALL);
	}

	private SourceSelection(@Nullable String query, @Nullable NavigableSet<Long> onlyIds, IdRange range) {
		this.query = range.query(query);
		this.onlyIds = onlyIds == null ? null : Collections.unmodifiableNavigableSet(new TreeSet<>(onlyIds));
		this.startAfterId = range.afterId();
	}

	/** Every record of the query. */
	public static SourceSelection of(@Nullable String query) {
		return new SourceSelection(query, null);
	}

	/**
	 * The records of the query within one partition's {@code $id} range: the reader
	 * starts after its lower bound, its upper bound joins the query.
	 */
	public static SourceSelection within(IdRange range, @Nullable String query) {
		return new SourceSelection(query, null, range);
	}

	/** The {@code $id} a reader without a checkpoint starts after. */
	long startAfterId() {
		return startAfterId;
	}

	/** The records after {@code afterId}, one keyset page at a time. */
	SourceRecords pagesAfter(KintoneClient source, List<String> fields, long afterId) {
		return new SourceRecords(source, fields, query, afterId, onlyIds);
	}

	/**
	 * How many records are left after {@code afterId}: one {@code totalCount} request;
	 * with {@code onlyIds}, the ids left (some may have left the query or the app since),
	 * without a request.
	 */
	long countAfter(KintoneClient source, long afterId) {
		if (onlyIds != null) {
			return onlyIds.tailSet(afterId, false).size();
		}
		return source.countAfter(afterId, query);
	}

	/**
	 * The query of one batch of ids: {@code (query) and $id in (1, 5, 60)}.
	 */
	static String withIds(@Nullable String query, List<Long> ids) {
		String condition = "$id in (" + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
		return query == null || query.isBlank() ? condition : "(" + query.strip() + ") and " + condition;
	}

}
