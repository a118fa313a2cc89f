package io.kintonemigrator.migration;

import java.util.List;

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

	private long lastId;

	private boolean exhausted;

	/**
	 * @param afterId the {@code $id} to read after (0: from the first record)
	 */
	public SourceRecords(KintoneClient source, List<String> fields, @Nullable String query, long afterId) {
		this.source = source;
		this.fields = List.copyOf(fields);
		this.query = query;
		this.lastId = afterId;
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
		List<KintoneRecord> page = source.recordsAfter(lastId, RECORDS_PER_READ, fields, query);
		exhausted = page.size() < RECORDS_PER_READ;
		if (!page.isEmpty()) {
			lastId = page.get(page.size() - 1).id();
		}
		return page;
	}

}
