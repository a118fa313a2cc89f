package io.kintonemigrator.plan;

import io.kintonemigrator.migration.budget.RequestEstimate;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code plan} found in the source app and what the job would send (see
 * {@link RequestEstimate}).
 *
 * @param recordsRead source records the job's query selects
 * @param recordsWithFiles those with at least one file in a mapped field
 * @param files attachments in the mapped fields, over 1 GB included
 * @param bytes their sizes added up, as kintone reports them
 * @param largest the largest file, null when there is none
 * @param oversized files over kintone's 1 GB limit (the job skips their records)
 * @param chunksWithFiles chunks of {@code limits.chunkSize} records (in {@code $id}
 * order) holding files
 * @param transferWaves rounds of parallel transfers over all chunks at
 * {@code limits.concurrency}
 * @param latency the median of the plan's own read requests
 * @param reads how many read requests the plan measured
 */
public record MigrationPlan(long recordsRead, long recordsWithFiles, long files, long bytes, @Nullable File largest,
		List<File> oversized, long chunksWithFiles, long transferWaves, Duration latency, int reads) {

	public MigrationPlan {
		oversized = List.copyOf(oversized);
	}

	/** Files the job moves: all but those over 1 GB. */
	public long filesMoved() {
		return files - oversized.size();
	}

	/** Requests to the source app kintone counts against its daily quota. */
	public long sourceCounted() {
		return RequestEstimate.sourceCounted(recordsRead);
	}

	/** Requests to the source app kintone does not count (downloads). */
	public long sourceUncounted() {
		return RequestEstimate.sourceUncounted(filesMoved());
	}

	/** Requests to the target app kintone counts against its daily quota. */
	public long targetCounted() {
		return RequestEstimate.targetCounted(chunksWithFiles);
	}

	/** Requests to the target app kintone does not count (uploads, bulk updates). */
	public long targetUncounted() {
		return RequestEstimate.targetUncounted(chunksWithFiles, filesMoved());
	}

	/** All requests to the source app, counted or not. */
	public long sourceRequests() {
		return sourceCounted() + sourceUncounted();
	}

	/** All requests to the target app, counted or not. */
	public long targetRequests() {
		return targetCounted() + targetUncounted();
	}

	/** Requests sent one at a time: preflight, record pages, lookups and bulk updates. */
	public long serialRequests() {
		return 2L * RequestEstimate.PREFLIGHT_REQUESTS + RequestEstimate.pages(recordsRead) + 2 * chunksWithFiles;
	}

	/**
	 * One source file: its record, mapped field ({@code FIELD} or {@code TABLE.FIELD}),
	 * name and size.
	 */
	public record File(long sourceRecord, String field, String name, long size) {
	}

}
