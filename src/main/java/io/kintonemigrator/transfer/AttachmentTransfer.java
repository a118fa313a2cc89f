package io.kintonemigrator.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;

/**
 * Moves one attachment from the source app to the target domain: streams the download to
 * a private temp file (hashing it on the way), streams that file up, and returns the new
 * upload key. No file is ever held in memory, and the temp file is deleted whatever
 * happens.
 *
 * <p>
 * Temp files live in a per-run directory readable only by the owner (0700, files 0600
 * where the file system has POSIX permissions); {@link #close()} deletes the directory.
 * Retries are the clients' business (the resilience layer retries a whole download or
 * upload). Thread-safe: any number of transfers may run at once.
 */
public final class AttachmentTransfer implements AutoCloseable {

	/** kintone's limit per attachment: 1 GB. */
	public static final long MAX_FILE_SIZE = 1024L * 1024 * 1024;

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final KintoneClient source;

	private final KintoneClient target;

	private final Path workDir;

	private final Clock clock;

	private final WorkDirectory directory;

	private AttachmentTransfer(KintoneClient source, KintoneClient target, WorkDirectory directory, Clock clock) {
		this.source = source;
		this.target = target;
		this.directory = directory;
		this.workDir = directory.path();
		this.clock = clock;
	}

	/**
	 * Opens a transfer with a fresh private work directory under {@code parent} (created
	 * 0700 if needed), after removing the work directories that runs which are no longer
	 * alive left there (a killed process cannot clean up; see {@link WorkDirectory}).
	 */
	public static AttachmentTransfer open(KintoneClient source, KintoneClient target, Path parent, Clock clock) {
		return new AttachmentTransfer(source, target, WorkDirectory.create(parent), clock);
	}

	/**
	 * Downloads {@code file} from the source and uploads it to the target.
	 * @throws AttachmentTooLargeException if the file is over {@link #MAX_FILE_SIZE}
	 * (nothing is sent)
	 * @throws UnsendableFileNameException if the name would not arrive unchanged (nothing
	 * is sent)
	 * @throws UncheckedIOException if the work directory cannot take the file (disk full,
	 * not writable)
	 * @throws io.kintonemigrator.kintone.KintoneException as the clients raise it
	 */
	public TransferredFile transfer(FileInfo file) {
		if (file.size() > MAX_FILE_SIZE) {
			throw new AttachmentTooLargeException(file.name(), file.size(), MAX_FILE_SIZE);
		}
		if (!UnsendableFileNameException.isSendable(file.name())) {
			throw new UnsendableFileNameException(file.name());
		}
		Path temp = createTempFile();
		try {
			DownloadedFile downloaded;
			try {
				downloaded = source.download(file.fileKey(), temp);
			}
			catch (UncheckedIOException ex) {
				throw localDiskProblem(ex);
			}
			if (downloaded.size() > MAX_FILE_SIZE) {
				throw new AttachmentTooLargeException(file.name(), downloaded.size(), MAX_FILE_SIZE);
			}
			String contentType = downloaded.contentType().isBlank() ? file.contentType() : downloaded.contentType();
			FileKey uploadKey = target.upload(temp, file.name(), contentType);
			return new TransferredFile(file, uploadKey, downloaded.size(), downloaded.sha256(), clock.instant());
		}
		finally {
			deleteQuietly(temp);
		}
	}

	/** Deletes the work directory and anything left in it. The clients are not closed. */
	@Override
	public void close() {
		directory.delete();
	}

	Path workDir() {
		return workDir;
	}

	private Path createTempFile() {
		try {
			return POSIX ? Files.createTempFile(workDir, "file-", ".part", permissions("rw-------"))
					: Files.createTempFile(workDir, "file-", ".part");
		}
		catch (IOException ex) {
			throw localDiskProblem(new UncheckedIOException(ex));
		}
	}

	/**
	 * The work directory cannot take the file: one line that says where and what to do;
	 * the run fails, restartable.
	 */
	private UncheckedIOException localDiskProblem(UncheckedIOException ex) {
		IOException cause = ex.getCause();
		return new UncheckedIOException("cannot write temp files in " + workDir.getParent() + " ("
				+ cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
				+ "); free space there or set kam.work-dir to a directory with room, then run the same command again",
				cause);
	}

	static FileAttribute<?> permissions(String posix) {
		return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posix));
	}

	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// a leftover temp file is removed with the work directory
		}
	}

}
