package io.kintonemigrator.plan;

import io.kintonemigrator.migration.SourceRecords;

import io.kintonemigrator.migration.AttachmentExtractor;
import io.kintonemigrator.migration.PreflightCheck;
import io.kintonemigrator.migration.PreflightException;
import io.kintonemigrator.migration.SourceAttachment;
import io.kintonemigrator.migration.SourceItem;
import io.kintonemigrator.migration.TargetLookup;
import io.kintonemigrator.migration.budget.RequestEstimate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.transfer.AttachmentTransfer;
import org.jspecify.annotations.Nullable;

/**
 * The dry run behind {@code plan}: runs the {@link PreflightCheck}, then reads the source
 * app the way the job does (keyset pages by {@code $id} with the job's query, only the
 * mapped fields), looks up the target records of each chunk as the job does (by the match
 * field, one request per chunk with files) and counts what the job would move and skip,
 * chunk by chunk. Sends only reads (the clients it is given are wrapped so a write would
 * fail), touches no database and no file. Not thread-safe; one plan per instance.
 */
public final class MigrationPlanner {

	private final JobConfig config;

	private final TimedKintoneClient source;

	private final TimedKintoneClient target;

	public MigrationPlanner(JobConfig config, KintoneClient source, KintoneClient target) {
		this.config = config;
		this.source = new TimedKintoneClient(source);
		this.target = new TimedKintoneClient(target);
	}

	/**
	 * @throws PreflightException when the job file does not fit the apps (nothing else
	 * was read)
	 * @throws io.kintonemigrator.kintone.KintoneException when kintone cannot be read
	 * after the retries
	 */
	public MigrationPlan plan() {
		List<String> problems = new PreflightCheck(config).problems(source, target);
		if (!problems.isEmpty()) {
			throw new PreflightException(problems);
		}
		AttachmentExtractor extractor = new AttachmentExtractor(config);
		TargetLookup lookup = new TargetLookup(target, config);
		int chunkSize = config.limits().chunkSize();
		Counts counts = new Counts();
		SourceRecords pages = SourceRecords.of(source, config);
		List<SourceItem> chunk = new ArrayList<>();
		int inChunk = 0;
		for (List<KintoneRecord> page = pages.nextPage(); !page.isEmpty(); page = pages.nextPage()) {
			for (KintoneRecord record : page) {
				counts.records++;
				SourceItem item = extractor.process(record);
				if (item != null) {
					counts.add(item);
					chunk.add(item);
				}
				if (++inChunk == chunkSize) {
					closeChunk(chunk, lookup, counts);
					inChunk = 0;
				}
			}
		}
		closeChunk(chunk, lookup, counts);
		return new MigrationPlan(counts.records, counts.recordsWithFiles, counts.files, counts.bytes, counts.largest,
				counts.oversized, counts.skipped, counts.chunksWithFiles, counts.waves,
				warmLatency(source.samples(), target.samples()), counts.readsMeasured(source, target));
	}

	/**
	 * Looks the chunk's target records up as the job does (one request per chunk with
	 * files, by the match field): a record without exactly one target is skipped, so its
	 * files are neither downloaded nor uploaded. The first source record of a match value
	 * in {@code $id} order is the one migrated, as in the job.
	 */
	private void closeChunk(List<SourceItem> chunk, TargetLookup lookup, Counts counts) {
		if (chunk.isEmpty()) {
			return;
		}
		List<String> keys = chunk.stream().map(SourceItem::matchKey).filter(Objects::nonNull).distinct().toList();
		Map<String, List<KintoneRecord>> targets = lookup.byMatchKey(keys);
		int filesInChunk = 0;
		for (SourceItem item : chunk) {
			String problem = item.matchKey() == null
					? "source field " + config.match().source() + " is empty, so no target record can match"
					: TargetLookup.problem(config.match(), item.matchKey(),
							targets.getOrDefault(item.matchKey(), List.of()).size());
			if (problem != null) {
				counts.skipped.add(new MigrationPlan.Skip(item.sourceRecord(), problem, item.attachments().size(),
						item.attachments().stream().mapToLong(a -> a.file().size()).sum()));
				continue;
			}
			filesInChunk += (int) item.attachments()
				.stream()
				.filter(a -> a.file().size() <= AttachmentTransfer.MAX_FILE_SIZE)
				.count();
		}
		counts.chunksWithFiles++;
		if (filesInChunk > 0) {
			counts.waves += RequestEstimate.transferWaves(filesInChunk, config.limits().concurrency());
		}
		chunk.clear();
	}

	/**
	 * The latency of one request: the lower quartile of the plan's reads without the
	 * first read of each app. A first read pays for the connection (TCP, TLS) and for
	 * classes loaded and compiled on first use (5 to 10 times a later one), and the reads
	 * that carry a page of records or a chunk's lookup take 2 to 4 times a small one;
	 * with a handful of reads the median was one of those or not, by chance, and the
	 * estimate of one job swung between 72 s and 11 s. All reads are used when there are
	 * no others.
	 */
	static Duration warmLatency(List<Long> sourceNanos, List<Long> targetNanos) {
		List<Long> warm = new ArrayList<>(sourceNanos.stream().skip(1).toList());
		warm.addAll(targetNanos.stream().skip(1).toList());
		if (warm.isEmpty()) {
			warm.addAll(sourceNanos);
			warm.addAll(targetNanos);
		}
		if (warm.isEmpty()) {
			return Duration.ZERO;
		}
		List<Long> sorted = warm.stream().sorted().toList();
		return Duration.ofNanos(sorted.get(sorted.size() / 4));
	}

	private static final class Counts {

		long records;

		long recordsWithFiles;

		long files;

		long bytes;

		MigrationPlan.@Nullable File largest;

		final List<MigrationPlan.File> oversized = new ArrayList<>();

		final List<MigrationPlan.Skip> skipped = new ArrayList<>();

		long chunksWithFiles;

		long waves;

		void add(SourceItem item) {
			recordsWithFiles++;
			for (SourceAttachment attachment : item.attachments()) {
				MigrationPlan.File file = new MigrationPlan.File(item.sourceRecord(),
						attachment.mapping().from().toString(), attachment.file().name(), attachment.file().size());
				files++;
				bytes += file.size();
				if (largest == null || file.size() > largest.size()) {
					largest = file;
				}
				if (file.size() > AttachmentTransfer.MAX_FILE_SIZE) {
					oversized.add(file);
				}
			}
		}

		/** How many reads {@link #warmLatency} took its median of. */
		int readsMeasured(TimedKintoneClient source, TimedKintoneClient target) {
			int all = source.samples().size() + target.samples().size();
			int warm = Math.max(0, source.samples().size() - 1) + Math.max(0, target.samples().size() - 1);
			return warm == 0 ? all : warm;
		}

	}

}
