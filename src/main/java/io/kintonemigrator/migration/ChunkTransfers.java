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
 * Moves all attachments of a chunk at once on the run's bounded executor (the resilience layer's
 * bulkhead also bounds requests per domain). Waits for every transfer; permanent failures are
 * returned per attachment, and the first other failure is thrown once all have finished. A download
 * key that stopped working is replaced once by the key a fresh read of the source record gives
 * ({@link FreshDownloadKeys}).
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

	Result run(List<SourceAttachment> attachments) {
		Map<SourceAttachment, CompletableFuture<TransferredFile>> futures = new LinkedHashMap<>();
		for (SourceAttachment attachment : attachments) {
			futures.put(attachment,
					CompletableFuture.supplyAsync(() -> transferOne(attachment), executor));
		}
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
