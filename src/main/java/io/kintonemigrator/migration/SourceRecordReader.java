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
 * Reads the source app through {@link SourceRecords}, one keyset page at a time.
 * {@link #update} checkpoints the {@code $id} of the last record handed out, which at
 * that moment is the last record of the chunk being committed; a restart resumes after
 * it. {@link #peek} shows the writer the next chunk's records early. Not thread-safe (one
 * step thread reads and peeks).
 */
public class SourceRecordReader extends ItemStreamSupport implements ItemStreamReader<KintoneRecord> {

	static final String LAST_ID = "last.id";

	private final KintoneClient source;

	private final List<String> fields;

	private final @Nullable String query;

	private final Deque<KintoneRecord> page = new ArrayDeque<>();

	private SourceRecords pages;

	private final long startAfterId;

	private long lastHandedOutId;

	SourceRecordReader(KintoneClient source, List<String> fields, @Nullable String query) {
		this(source, fields, query, 0);
	}

	/**
	 * A reader that starts after {@code startAfterId} unless a checkpoint says otherwise
	 * (a partition's range: its upper bound is part of {@code query}).
	 */
	SourceRecordReader(KintoneClient source, List<String> fields, @Nullable String query, long startAfterId) {
		this.source = source;
		this.fields = List.copyOf(fields);
		this.query = query;
		this.startAfterId = startAfterId;
		this.pages = new SourceRecords(source, fields, query, startAfterId);
		setName("sourceRecordReader");
	}

	@Override
	public void open(ExecutionContext context) {
		lastHandedOutId = context.getLong(getExecutionContextKey(LAST_ID), startAfterId);
		pages = new SourceRecords(source, fields, query, lastHandedOutId);
		page.clear();
	}

	@Override
	public @Nullable KintoneRecord read() {
		if (page.isEmpty()) {
			fetchPage();
		}
		KintoneRecord next = page.poll();
		if (next != null) {
			lastHandedOutId = next.id();
		}
		return next;
	}

	/**
	 * The next {@code count} records {@link #read} will hand out (fewer at the end of the
	 * app), without handing them out: the checkpoint does not move. Fetches the next page
	 * when the current one holds fewer, the same page {@code read} would fetch a little
	 * later, so peeking adds no request.
	 */
	public List<KintoneRecord> peek(int count) {
		if (page.size() < count) {
			fetchPage();
		}
		return page.stream().limit(count).toList();
	}

	private void fetchPage() {
		page.addAll(pages.nextPage());
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(getExecutionContextKey(LAST_ID), lastHandedOutId);
	}

}
