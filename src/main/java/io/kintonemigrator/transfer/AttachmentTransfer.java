package io.kintonemigrator.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FileBuffer;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;

/**
 * Moves one attachment from the source app to the target domain: downloads it (hashing it
 * on the way), uploads it, and returns the new upload key. A file of at most
 * {@link #MAX_IN_MEMORY} bytes waits in memory when the process's {@link MemoryBudget}
 * has room for it; any other file streams through a private temp file, which is deleted
 * whatever happens. So the memory files take is bounded by the budget, whatever their
 * sizes and however many transfers run at once.
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

	/** The largest file kept in memory between download and upload: 4 MiB. */
	static final int MAX_IN_MEMORY = 4 * 1024 * 1024;

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final KintoneClient source;

	private final KintoneClient target;

	private final Path workDir;

	private final Clock clock;

	private final WorkDirectory directory;

	private final MemoryBudget budget;

	private final AtomicLong spooledToDisk = new AtomicLong();

	private AttachmentTransfer(KintoneClient source, KintoneClient target, WorkDirectory directory, Clock clock,
			MemoryBudget budget) {
		this.source = source;
		this.target = target;
		this.directory = directory;
		this.workDir = directory.path();
		this.clock = clock;
		this.budget = budget;
	}

	/**
	 * Opens a transfer with a fresh private work directory under {@code parent} (created
	 * 0700 if needed), after removing the work directories that runs which are no longer
	 * alive left there (a killed process cannot clean up; see {@link WorkDirectory}).
	 */
	public static AttachmentTransfer open(KintoneClient source, KintoneClient target, Path parent, Clock clock) {
		return open(source, target, parent, clock, MemoryBudget.shared());
	}

	/** {@link #open(KintoneClient, KintoneClient, Path, Clock)} with its own budget. */
	static AttachmentTransfer open(KintoneClient source, KintoneClient target, Path parent, Clock clock,
			MemoryBudget budget) {
		return new AttachmentTransfer(source, target, WorkDirectory.create(parent), clock, budget);
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
		long announced = file.size();
		byte[][] memory = (announced <= MAX_IN_MEMORY) ? this.budget.take(announced) : null;
		if (memory != null) {
			try {
				MemoryFileBuffer buffer = new MemoryFileBuffer(memory);
				try {
					return move(file, buffer);
				}
				catch (UncheckedIOException ex) {
					if (!buffer.overflowed()) {
						throw ex;
					}
					// more bytes than the record announced: through a temp file below
				}
			}
			finally {
				// the upload is over (the HTTP call runs on this thread): the blocks are
				// free
				this.budget.give(memory);
			}
		}
		Path temp = createTempFile();
		try {
			this.spooledToDisk.incrementAndGet();
			return move(file, FileBuffer.of(temp));
		}
		catch (UncheckedIOException ex) {
			throw localDiskProblem(ex);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	/** Downloads into {@code buffer} and uploads from it. */
	private TransferredFile move(FileInfo file, FileBuffer buffer) {
		DownloadedFile downloaded = source.download(file.fileKey(), buffer);
		if (downloaded.size() > MAX_FILE_SIZE) {
			throw new AttachmentTooLargeException(file.name(), downloaded.size(), MAX_FILE_SIZE);
		}
		String contentType = downloaded.contentType().isBlank() ? file.contentType() : downloaded.contentType();
		FileKey uploadKey = target.upload(buffer, file.name(), contentType);
		return new TransferredFile(file, uploadKey, downloaded.size(), downloaded.sha256(), clock.instant());
	}

	/** How many files went through a temp file rather than memory. */
	long spooledToDisk() {
		return this.spooledToDisk.get();
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
