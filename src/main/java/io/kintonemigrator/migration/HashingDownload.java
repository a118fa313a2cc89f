package io.kintonemigrator.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;

/**
 * Downloads a file only to learn its size and SHA-256: the bytes stream through a
 * temporary file in the work directory (never held in memory), which is deleted before
 * this returns.
 */
public final class HashingDownload {

	private HashingDownload() {
	}

	public static DownloadedFile of(KintoneClient client, FileKey fileKey, Path workDir) {
		Path temp = null;
		try {
			temp = Files.createTempFile(workDir, "hash-", ".part");
			return client.download(fileKey, temp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a temporary file in " + workDir, ex);
		}
		finally {
			if (temp != null) {
				try {
					Files.deleteIfExists(temp);
				}
				catch (IOException ex) {
					// a left-over temp file in the work directory is harmless: swept at
					// the next start
				}
			}
		}
	}

}
