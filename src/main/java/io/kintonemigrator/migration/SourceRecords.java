package io.kintonemigrator.migration;

import java.util.List;
import java.util.NavigableSet;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import org.jspecify.annotations.Nullable;

import static io.kintonemigrator.kintone.KintoneLimits.RECORDS_PER_READ;

/**
 * The source app in {@code $id} order, one keyset page ({@code $id > last}, at most
 * {@value io.kintonemigrator.kintone.KintoneLimits#RECORDS_PER_READ} records) at a time,
 * never with an offset or a cursor (kintone allows 10 cursors per domain, and an offset
 * skips records deleted meanwhile). The job's reader, {@code plan} and {@code verify}
 * read the source through this one loop. Not thread-safe.
 */
public final class SourceRecords {

	private final KintoneClient source;

	private final List<String> fields;

	private final @Nullable String query;

	private final @Nullable NavigableSet<Long> onlyIds;

	private long lastId;

	private boolean exhausted;

	/**
	 * @param afterId the {@code $id} to read after (0: from the first record)
	 */
	public SourceRecords(KintoneClient source, List<String> fields, @Nullable String query, long afterId) {
		this(source, fields, query, afterId, null);
	}

	/**
	 * @param onlyIds when not null, only these record ids, asked for with
	 * {@code $id in (...)} in ascending batches of {@value SourceSelection#IDS_PER_QUERY}
	 */
	SourceRecords(KintoneClient source, List<String> fields, @Nullable String query, long afterId,
			@Nullable NavigableSet<Long> onlyIds) {
		this.source = source;
		this.fields = List.copyOf(fields);
		this.query = query;
		this.lastId = afterId;
		this.onlyIds = onlyIds;
	}

	/** The job's records from the first: its query, the fields it reads. */
	public static SourceRecords of(KintoneClient source, JobConfig config) {
		return new SourceRecords(source, TargetLookup.sourceFields(config), config.query(), 0);
	}

	/**
	 * The next page, after the last record of the one before; empty once the app has no
	 * more (after a short page, without another request).
	 */
	public List<KintoneRecord> nextPage() {
		if (exhausted) {
			return List.of();
		}
		if (onlyIds != null) {
			return nextPageOfIds(onlyIds);
		}
		List<KintoneRecord> page = source.recordsAfter(lastId, RECORDS_PER_READ, fields, query);
		exhausted = page.size() < RECORDS_PER_READ;
		if (!page.isEmpty()) {
			lastId = page.get(page.size() - 1).id();
		}
		return page;
	}

	/**
	 * The records of the next batch of ids that still has one (ids of records deleted or
	 * outside the query since are passed over).
	 */
	private List<KintoneRecord> nextPageOfIds(NavigableSet<Long> ids) {
		while (true) {
			List<Long> batch = ids.tailSet(lastId, false).stream().limit(SourceSelection.IDS_PER_QUERY).toList();
			if (batch.isEmpty()) {
				exhausted = true;
				return List.of();
			}
			List<KintoneRecord> page = source.recordsAfter(lastId, RECORDS_PER_READ, fields,
					SourceSelection.withIds(query, batch));
			lastId = batch.get(batch.size() - 1);
			if (!page.isEmpty()) {
				return page;
			}
		}
	}

}
