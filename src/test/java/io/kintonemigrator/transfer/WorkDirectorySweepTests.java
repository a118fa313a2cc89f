package io.kintonemigrator.transfer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temp files of a run that was killed are removed at the next start, and only those: a
 * real child JVM holds a work directory, is checked to be spared while it lives, then is
 * killed with SIGKILL.
 */
class WorkDirectorySweepTests {

	@TempDir
	Path tmp;

	@Test
	void theDirectoryOfAKilledRunIsRemovedAtTheNextStartButNotWhileItLives() throws Exception {
		Path parent = tmp.resolve("work");
		try (ChildJvm jvm = ChildJvm.of(WorkDirectoryHolderMain.class).maxHeap("64m")) {
			Process child = jvm.startPiped(parent.toString()).process();
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String ready = lines.lines().filter(line -> line.startsWith("READY ")).findFirst().orElseThrow();
			Path held = Path.of(ready.substring("READY ".length()));
			assertThat(held.resolve("file-123.part")).exists();
			if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parent))).isEqualTo("rwx------");
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(held))).isEqualTo("rwx------");
			}

			// while the child lives, its directory is in use
			assertThat(WorkDirectory.sweep(parent)).isZero();
			assertThat(held.resolve("file-123.part")).exists();

			child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(held).exists();

			try (AttachmentTransfer next = AttachmentTransfer.open(new InMemoryKintoneClient(1),
					new InMemoryKintoneClient(2), parent, Clock.systemUTC())) {
				assertThat(held).doesNotExist();
				assertThat(Path.of(held + WorkDirectory.LOCK_SUFFIX)).doesNotExist();
				assertThat(next.workDir()).exists();
			}
		}
	}

	@Test
	void aDirectoryOfARunInThisProcessIsNotSwept() throws Exception {
		try (AttachmentTransfer running = AttachmentTransfer.open(new InMemoryKintoneClient(1),
				new InMemoryKintoneClient(2), tmp, Clock.systemUTC())) {
			Files.writeString(running.workDir().resolve("file-1.part"), "partial");

			try (AttachmentTransfer second = AttachmentTransfer.open(new InMemoryKintoneClient(1),
					new InMemoryKintoneClient(2), tmp, Clock.systemUTC())) {
				assertThat(running.workDir().resolve("file-1.part")).exists();
				assertThat(second.workDir()).isNotEqualTo(running.workDir());
			}
		}
	}

	@Test
	void anUnlockedDirectoryIsRemovedOnlyOnceItIsOlderThanTheGracePeriod() throws Exception {
		Path young = Files.createDirectory(tmp.resolve(WorkDirectory.PREFIX + "young"));
		Path old = Files.createDirectory(tmp.resolve(WorkDirectory.PREFIX + "old"));
		Files.writeString(old.resolve("file-9.part"), "left over");
		Files.setLastModifiedTime(old,
				FileTime.from(Instant.now().minus(WorkDirectory.UNLOCKED_GRACE).minusSeconds(60)));
		Path unrelated = Files.createDirectory(tmp.resolve("not-ours"));

		assertThat(WorkDirectory.sweep(tmp)).isEqualTo(1);

		assertThat(old).doesNotExist();
		assertThat(young).exists();
		assertThat(unrelated).exists();
	}

}
