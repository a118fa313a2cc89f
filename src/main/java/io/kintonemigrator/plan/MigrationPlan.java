package io.kintonemigrator.plan;

import io.kintonemigrator.migration.budget.RequestEstimate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
 * @param skipped source records with files the job would skip: no target record (or
 * several) has their match value, found as the job finds it
 * @param chunksWithFiles chunks of {@code limits.chunkSize} records (in {@code $id}
 * order) holding files
 * @param transferWaves rounds of parallel transfers over all chunks at
 * {@code limits.concurrency}
 * @param latency the lower quartile of the plan's own read requests but the first to each
 * app
 * @param reads how many read requests that quartile is of
 */
public record MigrationPlan(long recordsRead, long recordsWithFiles, long files, long bytes, @Nullable File largest,
		List<File> oversized, List<Skip> skipped, long chunksWithFiles, long transferWaves, Duration latency,
		int reads) {

	public MigrationPlan {
		oversized = List.copyOf(oversized);
		skipped = List.copyOf(skipped);
	}

	/**
	 * Files the job moves: all but those over 1 GB and those of records it would skip.
	 */
	public long filesMoved() {
		Set<Long> skippedRecords = skipped.stream().map(Skip::sourceRecord).collect(Collectors.toSet());
		long oversizedElsewhere = oversized.stream()
			.filter(file -> !skippedRecords.contains(file.sourceRecord()))
			.count();
		return files - oversizedElsewhere - filesSkipped();
	}

	/** Files of the records the job would skip. */
	public long filesSkipped() {
		return skipped.stream().mapToLong(Skip::attachments).sum();
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

	/**
	 * A source record the job would skip, why (the job's own words), and how many files
	 * and bytes it holds in the mapped fields.
	 */
	public record Skip(long sourceRecord, String reason, long attachments, long bytes) {
	}

}
