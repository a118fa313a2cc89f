package io.kintonemigrator.verify;

import io.kintonemigrator.migration.Failures;
import io.kintonemigrator.migration.HashingDownload;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.KintoneClient;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a file's bytes only to learn its size and SHA-256 (through a temporary file in
 * the work directory, deleted at once), counting the bytes read. A file kintone cannot
 * give for good (gone, no permission on it) is a {@code Hashed} with its reason; any
 * other failure is thrown. Thread-safe.
 */
final class FileHasher {

	private final Path workDir;

	private final LongAdder bytesHashed = new LongAdder();

	FileHasher(Path workDir) {
		this.workDir = workDir;
	}

	long bytesHashed() {
		return bytesHashed.sum();
	}

	AttachmentVerifier.Hashed hash(KintoneClient client, FileInfo file) {
		try {
			DownloadedFile downloaded = HashingDownload.of(client, file.fileKey(), workDir);
			bytesHashed.add(downloaded.size());
			return new AttachmentVerifier.Hashed(file.name(), downloaded.size(), downloaded.sha256(), null);
		}
		catch (RuntimeException ex) {
			if (Failures.isPermanent(ex)) {
				return new AttachmentVerifier.Hashed(file.name(), file.size(), null, Failures.describe(ex));
			}
			throw ex;
		}
	}

	static AttachmentVerifier.Hashed join(CompletableFuture<AttachmentVerifier.Hashed> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

}
