package io.kintonemigrator.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.kintonemigrator.testsupport.InMemoryKintoneClient;

/**
 * A child JVM for {@link WorkDirectorySweepTests}: opens a transfer under the given
 * parent, leaves a partial download in its private directory, prints {@code READY
 *
<dir>
 * } and waits to be killed.
 */
public final class WorkDirectoryHolderMain {

	private WorkDirectoryHolderMain() {
	}

	public static void main(String[] args) throws Exception {
		AttachmentTransfer transfer = AttachmentTransfer.open(new InMemoryKintoneClient(1),
				new InMemoryKintoneClient(2), Path.of(args[0]), Clock.systemUTC());
		Files.write(transfer.workDir().resolve("file-123.part"), new byte[64 * 1024]);
		System.out.println("READY " + transfer.workDir());
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
