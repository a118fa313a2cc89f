package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import io.kintonemigrator.transfer.AttachmentTransfer;
import io.kintonemigrator.transfer.TransferredFile;

/**
 * Moves all attachments of a chunk at once on the run's bounded executor (the resilience
 * layer's bulkhead also bounds requests per domain). Waits for every transfer; permanent
 * failures are returned per attachment, and the first other failure is thrown once all
 * have finished. A download key that stopped working is replaced once by the key a fresh
 * read of the source record gives ({@link FreshDownloadKeys}). {@link #start} begins
 * transfers without waiting, for a later {@code run} to take over; the executor's queue
 * is first in, first out, so they only take threads the transfers queued before them
 * leave free.
 */
final class ChunkTransfers {

	private final AttachmentTransfer transfer;

	private final ExecutorService executor;

	private final FreshDownloadKeys freshKeys;

	ChunkTransfers(AttachmentTransfer transfer, ExecutorService executor, FreshDownloadKeys freshKeys) {
		this.transfer = transfer;
		this.executor = executor;
		this.freshKeys = freshKeys;
	}

	/**
	 * Transfers {@code attachments}, taking over those {@link #start} began earlier (the
	 * ones in {@code started}), and waits for all of them.
	 * @param whileTransferring runs on the calling thread once every transfer is queued,
	 * before the wait
	 */
	Result run(List<SourceAttachment> attachments, Map<SourceAttachment, CompletableFuture<TransferredFile>> started,
			Runnable whileTransferring) {
		Map<SourceAttachment, CompletableFuture<TransferredFile>> futures = new LinkedHashMap<>();
		for (SourceAttachment attachment : attachments) {
			CompletableFuture<TransferredFile> early = started.get(attachment);
			futures.put(attachment, early != null ? early : submit(attachment));
		}
		whileTransferring.run();
		return await(futures);
	}

	/**
	 * Queues the transfers of {@code attachments} behind those already queued and returns
	 * at once.
	 */
	Map<SourceAttachment, CompletableFuture<TransferredFile>> start(List<SourceAttachment> attachments) {
		Map<SourceAttachment, CompletableFuture<TransferredFile>> futures = new LinkedHashMap<>();
		attachments.forEach(attachment -> futures.put(attachment, submit(attachment)));
		return futures;
	}

	private CompletableFuture<TransferredFile> submit(SourceAttachment attachment) {
		return CompletableFuture.supplyAsync(() -> transferOne(attachment), executor);
	}

	private static Result await(Map<SourceAttachment, CompletableFuture<TransferredFile>> futures) {
		Map<SourceAttachment, TransferredFile> moved = new LinkedHashMap<>();
		Map<SourceAttachment, String> permanent = new LinkedHashMap<>();
		List<Throwable> fatal = new ArrayList<>();
		futures.forEach((attachment, future) -> {
			try {
				moved.put(attachment, future.join());
			}
			catch (CompletionException ex) {
				if (Failures.isPermanent(ex)) {
					permanent.put(attachment, Failures.describe(ex));
				}
				else {
					fatal.add(Failures.unwrap(ex));
				}
			}
		});
		if (!fatal.isEmpty()) {
			Throwable first = fatal.get(0);
			fatal.stream().skip(1).forEach(first::addSuppressed);
			if (first instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(first);
		}
		return new Result(moved, permanent);
	}

	private TransferredFile transferOne(SourceAttachment attachment) {
		try {
			return transfer.transfer(attachment.file());
		}
		catch (RuntimeException ex) {
			if (!FreshDownloadKeys.isStaleKey(ex)) {
				throw ex;
			}
			return transfer.transfer(freshKeys.refresh(attachment));
		}
	}

	record Result(Map<SourceAttachment, TransferredFile> moved, Map<SourceAttachment, String> permanent) {
	}

}
