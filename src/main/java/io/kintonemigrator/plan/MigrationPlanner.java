package io.kintonemigrator.plan;

import io.kintonemigrator.migration.SourceRecords;

import io.kintonemigrator.migration.AttachmentExtractor;
import io.kintonemigrator.migration.PreflightCheck;
import io.kintonemigrator.migration.PreflightException;
import io.kintonemigrator.migration.SourceAttachment;
import io.kintonemigrator.migration.SourceItem;
import io.kintonemigrator.migration.budget.RequestEstimate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.transfer.AttachmentTransfer;
import org.jspecify.annotations.Nullable;

/**
 * The dry run behind {@code plan}: runs the {@link PreflightCheck}, then reads the source
 * app the way the job does (keyset pages by {@code $id} with the job's query, only the
 * mapped fields) and counts what the job would move, chunk by chunk. Sends only reads
 * (the clients it is given are wrapped so a write would fail), touches no database and no
 * file. Not thread-safe; one plan per instance.
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
		int chunkSize = config.limits().chunkSize();
		int concurrency = config.limits().concurrency();
		Counts counts = new Counts();
		SourceRecords pages = SourceRecords.of(source, config);
		int inChunk = 0;
		int filesInChunk = 0;
		for (List<KintoneRecord> page = pages.nextPage(); !page.isEmpty(); page = pages.nextPage()) {
			for (KintoneRecord record : page) {
				counts.records++;
				SourceItem item = extractor.process(record);
				if (item != null) {
					counts.add(item);
					filesInChunk += (int) item.attachments()
						.stream()
						.filter(a -> a.file().size() <= AttachmentTransfer.MAX_FILE_SIZE)
						.count();
				}
				if (++inChunk == chunkSize) {
					counts.closeChunk(filesInChunk, concurrency);
					inChunk = 0;
					filesInChunk = 0;
				}
			}
		}
		counts.closeChunk(filesInChunk, concurrency);
		List<Long> samples = new ArrayList<>(source.samples());
		samples.addAll(target.samples());
		return new MigrationPlan(counts.records, counts.recordsWithFiles, counts.files, counts.bytes, counts.largest,
				counts.oversized, counts.chunksWithFiles, counts.waves, median(samples), samples.size());
	}

	private static Duration median(List<Long> nanos) {
		if (nanos.isEmpty()) {
			return Duration.ZERO;
		}
		List<Long> sorted = nanos.stream().sorted().toList();
		return Duration.ofNanos(sorted.get(sorted.size() / 2));
	}

	private static final class Counts {

		long records;

		long recordsWithFiles;

		long files;

		long bytes;

		MigrationPlan.@Nullable File largest;

		final List<MigrationPlan.File> oversized = new ArrayList<>();

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

		void closeChunk(int filesInChunk, int concurrency) {
			if (filesInChunk > 0) {
				chunksWithFiles++;
				waves += RequestEstimate.transferWaves(filesInChunk, concurrency);
			}
		}

	}

}
