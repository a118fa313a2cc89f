package io.kintonemigrator.verify;

import io.kintonemigrator.migration.SourceRecords;

import io.kintonemigrator.migration.AttachmentExtractor;
import io.kintonemigrator.migration.RowPairing;
import io.kintonemigrator.migration.SourceAttachment;
import io.kintonemigrator.migration.SourceItem;
import io.kintonemigrator.migration.TargetLookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.ledger.MigrationLedger;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The check behind {@code verify}: reads the source app as the job does (keyset pages,
 * the job's query), and for every attachment the ledger shows ATTACHED compares the
 * target with the source, field by field and row by row as the job maps them: name, size
 * and SHA-256 of the bytes. Both sides are downloaded through the clients it is given (so
 * the job's rate and concurrency limits apply) to a temporary file hashed while it
 * streams, deleted at once; no file is held in memory. With {@code onExisting: append}
 * the target field may hold its own earlier files besides the source's; otherwise it must
 * hold exactly the source's files. Source records with attachments that the ledger shows
 * neither ATTACHED nor SKIPPED are reported as not migrated yet.
 *
 * <p>
 * Reads only. Each difference is handed to the consumer as one line when found. Not
 * thread-safe.
 */
public final class AttachmentVerifier {

	private final JobConfig config;

	private final KintoneClient source;

	private final KintoneClient target;

	private final MigrationLedger ledger;

	private final Path workDir;

	private long recordsCompared;

	private long filesCompared;

	private final FileHasher hasher;

	private long differences;

	private long recordsNotMigrated;

	public AttachmentVerifier(JobConfig config, KintoneClient source, KintoneClient target, MigrationLedger ledger,
			Path workDir) {
		this.config = config;
		this.source = source;
		this.target = target;
		this.ledger = ledger;
		this.workDir = workDir;
		this.hasher = new FileHasher(workDir);
	}

	/**
	 * @param report receives each difference as one line
	 * @throws io.kintonemigrator.kintone.KintoneException when kintone cannot be read
	 * after the retries
	 */
	public VerificationResult verify(Consumer<String> report) {
		Consumer<String> counted = line -> {
			differences++;
			report.accept(line);
		};
		Consumer<String> notMigrated = line -> {
			recordsNotMigrated++;
			report.accept(line);
		};
		CustomizableThreadFactory threads = new CustomizableThreadFactory("verify-download-");
		threads.setDaemon(true);
		ExecutorService downloads = Executors.newFixedThreadPool(config.limits().concurrency(), threads);
		try {
			Files.createDirectories(workDir);
			AttachmentExtractor extractor = new AttachmentExtractor(config);
			TargetLookup lookup = new TargetLookup(target, config);
			Set<Long> seen = new HashSet<>();
			SourceRecords pages = SourceRecords.of(source, config);
			for (List<KintoneRecord> page = pages.nextPage(); !page.isEmpty(); page = pages.nextPage()) {
				List<SourceItem> items = new ArrayList<>();
				for (KintoneRecord record : page) {
					seen.add(record.id());
					SourceItem item = extractor.process(record);
					if (item != null) {
						items.add(item);
					}
				}
				comparePage(items, lookup, downloads, counted, notMigrated);
			}
			new VanishedSources(ledger, config.name()).report(seen, counted);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the work directory " + workDir, ex);
		}
		finally {
			downloads.shutdownNow();
		}
		return new VerificationResult(recordsCompared, filesCompared, hasher.bytesHashed(), differences,
				recordsNotMigrated);
	}

	private void comparePage(List<SourceItem> items, TargetLookup lookup, ExecutorService downloads,
			Consumer<String> difference, Consumer<String> notMigrated) {
		if (items.isEmpty()) {
			return;
		}
		Map<AttachmentRef, LedgerEntry> rows = ledger
			.entries(config.name(), config.source().app().value(),
					items.stream().map(SourceItem::sourceRecord).toList())
			.stream()
			.collect(Collectors.toMap(LedgerEntry::ref, Function.identity()));
		List<Long> targetIds = rows.values()
			.stream()
			.filter(row -> row.status() == LedgerStatus.ATTACHED && row.targetRecord() != null)
			.map(LedgerEntry::targetRecord)
			.distinct()
			.toList();
		Map<Long, KintoneRecord> targets = lookup.byId(targetIds);
		List<CellCheck> checks = new ArrayList<>();
		for (SourceItem item : items) {
			List<SourceAttachment> attached = new ArrayList<>();
			int open = 0;
			for (SourceAttachment attachment : item.attachments()) {
				LedgerEntry row = rows.get(attachment.ref());
				if (row == null || row.status() == LedgerStatus.INTENT) {
					open++;
				}
				else if (row.status() == LedgerStatus.ATTACHED) {
					attached.add(attachment);
				}
			}
			if (open > 0) {
				notMigrated.accept("source record " + item.sourceRecord() + ": " + open + " of "
						+ item.attachments().size() + " attachment(s) not migrated yet (run migrate)");
			}
			if (attached.isEmpty()) {
				continue;
			}
			Long targetId = rows.get(attached.get(0).ref()).targetRecord();
			KintoneRecord targetRecord = targetId == null ? null : targets.get(targetId);
			if (targetRecord == null) {
				difference.accept("source record " + item.sourceRecord() + ": target record " + targetId + " is gone; "
						+ attached.size() + " migrated attachment(s) cannot be compared");
				continue;
			}
			recordsCompared++;
			checks.addAll(cells(item, attached, targetRecord, difference));
		}
		Map<String, CompletableFuture<Hashed>> hashes = new LinkedHashMap<>();
		for (CellCheck check : checks) {
			check.expected.forEach(file -> hashes.computeIfAbsent("s" + file.fileKey().value(),
					key -> CompletableFuture.supplyAsync(() -> hasher.hash(source, file), downloads)));
			check.actual.forEach(file -> hashes.computeIfAbsent("t" + file.fileKey().value(),
					key -> CompletableFuture.supplyAsync(() -> hasher.hash(target, file), downloads)));
		}
		for (CellCheck check : checks) {
			List<Hashed> expected = check.expected.stream()
				.map(f -> FileHasher.join(hashes.get("s" + f.fileKey().value())))
				.toList();
			List<Hashed> actual = check.actual.stream()
				.map(f -> FileHasher.join(hashes.get("t" + f.fileKey().value())))
				.toList();
			filesCompared += expected.size();
			new CellComparison(check.label, config.onExisting() != OnExisting.APPEND).compare(expected, actual,
					difference);
		}
	}

	/**
	 * The FILE values to compare for one source record: one per mapping and source row.
	 */
	private List<CellCheck> cells(SourceItem item, List<SourceAttachment> attached, KintoneRecord targetRecord,
			Consumer<String> difference) {
		Map<String, List<SourceAttachment>> byCell = new LinkedHashMap<>();
		for (SourceAttachment attachment : attached) {
			byCell.computeIfAbsent(attachment.mapping().from() + "|" + attachment.rowId(), k -> new ArrayList<>())
				.add(attachment);
		}
		List<CellCheck> checks = new ArrayList<>();
		for (List<SourceAttachment> cell : byCell.values()) {
			SourceAttachment first = cell.get(0);
			JobConfig.FileMapping mapping = first.mapping();
			String label = "source record " + item.sourceRecord() + " " + mapping.from() + rowLabel(first)
					+ " -> target record " + targetRecord.id() + " " + mapping.to();
			List<FileInfo> actual;
			if (!mapping.to().inSubtable()) {
				actual = targetRecord.files(mapping.to().field());
			}
			else {
				FieldValue.SubtableRow row = new RowPairing(targetRecord.rows(mapping.to().table())).partner(first);
				if (row == null) {
					difference.accept(
							label + ": no such row on the target; " + cell.size() + " migrated attachment(s) missing");
					continue;
				}
				actual = row.fields().get(mapping.to().field()) instanceof FieldValue.Files f ? f.files() : List.of();
			}
			checks.add(new CellCheck(label, cell.stream().map(SourceAttachment::file).toList(), actual));
		}
		return checks;
	}

	private static String rowLabel(SourceAttachment attachment) {
		if (attachment.rowId() == null) {
			return "";
		}
		String rowKey = attachment.mapping().rowKey();
		return rowKey == null ? " (row " + (attachment.rowIndex() + 1) + ")"
				: " (row " + rowKey + " = " + attachment.rowKeyValue() + ")";
	}

	/**
	 * A file as compared: its name, the size and SHA-256 of the bytes read, or why it
	 * could not be read.
	 */
	record Hashed(String name, long size, @Nullable String sha256, @Nullable String error) {
	}

	private record CellCheck(String label, List<FileInfo> expected, List<FileInfo> actual) {
	}

}
