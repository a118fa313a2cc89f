package io.kintonemigrator.migration;

import java.util.List;

/**
 * A conservative estimate of the requests the next chunk may send to each app: the most a chunk
 * of this execution has needed so far, or what a full chunk needs when every record carries as many
 * files as the fullest record seen (at least one per mapping), whichever is larger. Per chunk the
 * source gets reader pages and one download per file; the target one lookup per 500 records, one
 * upload per file and one update per 100 records, plus room for a revision conflict's re-read and
 * resend. What it learnt is kept in the step ExecutionContext for a restart. Step-scoped: the run
 * control listener stops before a chunk that may not fit, the writer prefetches only a chunk that
 * fits. Not thread-safe (the step thread uses it).
 */
class BudgetEstimate {

	static final String FILES_PER_RECORD = "kam.budget.filesPerRecord";

	static final String MAX_SOURCE = "kam.budget.maxSourceChunkRequests";

	static final String MAX_TARGET = "kam.budget.maxTargetChunkRequests";

	private final int chunkSize;

	private int filesPerRecord;

	private long maxSourceRequests;

	private long maxTargetRequests;

	BudgetEstimate(int chunkSize, int mappings) {
		this.chunkSize = chunkSize;
		this.filesPerRecord = Math.max(1, mappings);
	}

	/** Keeps what the chunks taught so far, so a restarted execution estimates as carefully. */
	void saveTo(org.springframework.batch.infrastructure.item.ExecutionContext context) {
		context.putInt(FILES_PER_RECORD, filesPerRecord);
		context.putLong(MAX_SOURCE, maxSourceRequests);
		context.putLong(MAX_TARGET, maxTargetRequests);
	}

	/** Continues from what an earlier execution of the step saved, if any. */
	void restoreFrom(org.springframework.batch.infrastructure.item.ExecutionContext context) {
		filesPerRecord = Math.max(filesPerRecord, context.getInt(FILES_PER_RECORD, 0));
		maxSourceRequests = Math.max(maxSourceRequests, context.getLong(MAX_SOURCE, 0L));
		maxTargetRequests = Math.max(maxTargetRequests, context.getLong(MAX_TARGET, 0L));
	}

	void chunkDone(List<SourceItem> items, long sourceRequests, long targetRequests) {
		for (SourceItem item : items) {
			filesPerRecord = Math.max(filesPerRecord, item.attachments().size());
		}
		maxSourceRequests = Math.max(maxSourceRequests, sourceRequests);
		maxTargetRequests = Math.max(maxTargetRequests, targetRequests);
	}

	long sourceRequests() {
		long pages = ceil(chunkSize, SourceRecordReader.PAGE_SIZE) + 1;
		return Math.max(maxSourceRequests, pages + (long) chunkSize * filesPerRecord);
	}

	long targetRequests() {
		long lookups = ceil(chunkSize, 500);
		long updates = ceil(chunkSize, 100);
		long conflictRoom = 2 * updates;
		return Math.max(maxTargetRequests, lookups + (long) chunkSize * filesPerRecord + updates + conflictRoom);
	}

	/** Whether both apps have room today for {@code chunks} more chunks; an app without a budget always has. */
	boolean roomFor(int chunks, AppRequestMeter source, AppRequestMeter target) {
		return hasRoom(source, chunks * sourceRequests()) && hasRoom(target, chunks * targetRequests());
	}

	private static boolean hasRoom(AppRequestMeter meter, long needed) {
		return meter.budget() == 0 || meter.remainingToday() >= needed;
	}

	private static long ceil(long a, long b) {
		return (a + b - 1) / b;
	}

}
