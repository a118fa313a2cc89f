package io.kintonemigrator.migration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Reads the source app in {@code $id} order, one keyset page ({@code $id > last}) at a time, never
 * with an offset or a cursor. {@link #update} checkpoints the {@code $id} of the last record handed
 * out, which at that moment is the last record of the chunk being committed; a restart resumes
 * after it. Not thread-safe (one step thread reads).
 */
class SourceRecordReader extends ItemStreamSupport implements ItemStreamReader<KintoneRecord> {

	static final String LAST_ID = "last.id";

	static final int PAGE_SIZE = 500;

	private final KintoneClient source;

	private final List<String> fields;

	private final @Nullable String query;

	private final Deque<KintoneRecord> page = new ArrayDeque<>();

	private long lastFetchedId;

	private long lastHandedOutId;

	private boolean exhausted;

	SourceRecordReader(KintoneClient source, List<String> fields, @Nullable String query) {
		this.source = source;
		this.fields = List.copyOf(fields);
		this.query = query;
		setName("sourceRecordReader");
	}

	@Override
	public void open(ExecutionContext context) {
		lastHandedOutId = context.getLong(getExecutionContextKey(LAST_ID), 0L);
		lastFetchedId = lastHandedOutId;
		page.clear();
		exhausted = false;
	}

	@Override
	public @Nullable KintoneRecord read() {
		if (page.isEmpty() && !exhausted) {
			List<KintoneRecord> records = source.recordsAfter(lastFetchedId, PAGE_SIZE, fields, query);
			page.addAll(records);
			exhausted = records.size() < PAGE_SIZE;
			if (!records.isEmpty()) {
				lastFetchedId = records.get(records.size() - 1).id();
			}
		}
		KintoneRecord next = page.poll();
		if (next != null) {
			lastHandedOutId = next.id();
		}
		return next;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(getExecutionContextKey(LAST_ID), lastHandedOutId);
	}

}
