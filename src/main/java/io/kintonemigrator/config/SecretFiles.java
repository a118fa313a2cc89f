package io.kintonemigrator.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads a secret ({@code apiTokenFile}, {@code passwordFile}) from a file, so that it
 * never sits in the job file, the environment or the command line. The file holds the
 * secret alone; one trailing line break is dropped. A relative path starts at the job
 * file's directory. Problems name the key and the path, never the content; a file other
 * users can read is used, with a warning.
 */
final class SecretFiles {

	private static final Logger logger = LoggerFactory.getLogger(SecretFiles.class);

	private final Path baseDirectory;

	SecretFiles(Path baseDirectory) {
		this.baseDirectory = baseDirectory;
	}

	/** {@code path} as the job file means it: a relative path starts at its directory. */
	Path resolve(String path) {
		return baseDirectory.resolve(path.strip());
	}

	/** The secret, or null after adding a problem. */
	@Nullable String read(String key, String path, List<String> problems) {
		if (path.isBlank()) {
			problems.add(key + ": missing; give the path of a file that holds only the secret");
			return null;
		}
		Path file = resolve(path);
		try {
			if (Files.isDirectory(file)) {
				problems
					.add(key + ": '" + file + "' is a directory; give the path of a file that holds only the secret");
				return null;
			}
			warnIfOthersCanRead(key, file);
			String content = Files.readString(file);
			return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
					: content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
		}
		catch (NoSuchFileException ex) {
			problems.add(key + ": '" + file + "' does not exist; create it (readable only by you) or fix the path");
		}
		catch (MalformedInputException ex) {
			problems.add(key + ": '" + file + "' is not UTF-8 text; save the secret as UTF-8");
		}
		catch (IOException ex) {
			problems.add(key + ": cannot read '" + file + "' (" + ex.getClass().getSimpleName()
					+ "); check its permissions");
		}
		return null;
	}

	private static void warnIfOthersCanRead(String key, Path file) throws IOException {
		if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		if (permissions.contains(PosixFilePermission.GROUP_READ)
				|| permissions.contains(PosixFilePermission.OTHERS_READ)) {
			logger.warn(key + ": '" + file + "' can be read by other users ("
					+ PosixFilePermissions.toString(permissions) + "); make it private: chmod 600 " + file);
		}
	}

}
