package io.kintonemigrator.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.launch.JobLockListener;

/**
 * Holding the job's lock, waits until a file exists, so an overlap test decides when the
 * first run may go on; prints one line the test waits for first. Installed by
 * {@link HookedMigratorMain} from {@code -Dkam.test.holdLockUntil=FILE}.
 */
final class HoldLockUntil implements JobLockListener {

	private final Path release;

	HoldLockUntil(Path release) {
		this.release = release;
	}

	@Override
	public void lockHeld(String jobName) throws InterruptedException {
		System.out.println("kam.test: holding the job lock until " + release + " exists");
		System.out.flush();
		while (!Files.exists(release)) {
			Thread.sleep(20);
		}
	}

}
