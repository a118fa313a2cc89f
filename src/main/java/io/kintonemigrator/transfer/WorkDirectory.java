package io.kintonemigrator.transfer;

import java.util.Set;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's private temp directory ({@code transfer-*}, 0700) under the configured work
 * directory, holding an OS lock on its sibling {@code transfer-*.lock} file for as long
 * as the run lives. The OS releases that lock when the process dies however it dies
 * (SIGKILL included), so at the next start {@link #create} can tell the directories of
 * dead runs from those of runs still going (another job on the same machine) and deletes
 * only the former, with whatever partial downloads they hold. A directory without a lock
 * file (a run killed between creating it and locking it) is removed once it is older than
 * {@link #UNLOCKED_GRACE}.
 */
final class WorkDirectory {

	static final String PREFIX = "transfer-";

	static final String LOCK_SUFFIX = ".lock";

	static final Duration UNLOCKED_GRACE = Duration.ofMinutes(10);

	private static final Logger logger = LoggerFactory.getLogger(WorkDirectory.class);

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path path;

	private final FileChannel lockChannel;

	private WorkDirectory(Path path, FileChannel lockChannel) {
		this.path = path;
		this.lockChannel = lockChannel;
	}

	/** Sweeps {@code parent}, then creates and locks a new private directory in it. */
	static WorkDirectory create(Path parent) {
		try {
			if (!Files.isDirectory(parent)) {
				if (POSIX) {
					Files.createDirectories(parent, AttachmentTransfer.permissions("rwx------"));
				}
				else {
					Files.createDirectories(parent);
				}
			}
			int swept = sweep(parent);
			if (swept > 0) {
				logger.info("Removed " + swept + " temp director" + (swept == 1 ? "y" : "ies")
						+ " left by runs that ended abruptly under " + parent);
			}
			Path dir = POSIX ? Files.createTempDirectory(parent, PREFIX, AttachmentTransfer.permissions("rwx------"))
					: Files.createTempDirectory(parent, PREFIX);
			Path lockFile = lockFileOf(dir);
			FileChannel channel = POSIX
					? FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
							AttachmentTransfer.permissions("rw-------"))
					: FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				throw new IOException("cannot lock " + lockFile);
			}
			return new WorkDirectory(dir, channel);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a private temp directory under " + parent + " ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage()
					+ "); check that it is writable and has free space, or set kam.work-dir", ex);
		}
	}

	Path path() {
		return path;
	}

	/** Releases the lock and deletes the directory with everything in it. */
	void delete() {
		try {
			lockChannel.close();
		}
		catch (IOException ex) {
			// the lock goes with the process anyway
		}
		deleteTree(path);
		AttachmentTransfer.deleteQuietly(lockFileOf(path));
	}

	private static Path lockFileOf(Path dir) {
		return dir.resolveSibling(dir.getFileName() + LOCK_SUFFIX);
	}

	/**
	 * Deletes the {@code transfer-*} directories of runs that are no longer alive;
	 * returns how many.
	 */
	static int sweep(Path parent) throws IOException {
		int swept = 0;
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path dir : dirs) {
				if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isAbandoned(dir)) {
					deleteTree(dir);
					AttachmentTransfer.deleteQuietly(lockFileOf(dir));
					swept++;
				}
			}
		}
		return swept;
	}

	private static boolean isAbandoned(Path dir) {
		Path lockFile = lockFileOf(dir);
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			// held by a live process: in use; otherwise the owner died (closing the
			// channel drops our lock)
			return lock != null;
		}
		catch (OverlappingFileLockException ex) {
			return false; // held by this JVM: a run still going
		}
		catch (NoSuchFileException ex) {
			try {
				return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
			}
			catch (IOException gone) {
				return false;
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach(AttachmentTransfer::deleteQuietly);
		}
		catch (IOException | UncheckedIOException ex) {
			// already gone, or going: another process sweeps it
		}
	}

}
