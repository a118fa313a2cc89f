package io.kintonemigrator.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.migration.BulkUpdateListener;

/**
 * Halts the JVM (as a SIGKILL would: no shutdown hook, no finally block) at one of the
 * two instants exactly-once rests on: before the N-th bulk update of this JVM is sent
 * (its intents committed, its files uploaded), or after kintone accepted the N-th bulk
 * update, before the chunk's transaction commits. Installed by {@link HookedMigratorMain}
 * from {@code -Dkam.test.killBeforeUpdate=N} or {@code -Dkam.test.killAfterUpdate=N}; one
 * instance per JVM, so the count spans every context the JVM starts.
 */
final class CrashAtUpdate implements BulkUpdateListener {

	private final int killBefore;

	private final int killAfter;

	private final AtomicInteger before = new AtomicInteger();

	private final AtomicInteger after = new AtomicInteger();

	/**
	 * @param killBefore the update to halt before (0: none) @param killAfter likewise
	 */
	CrashAtUpdate(int killBefore, int killAfter) {
		this.killBefore = killBefore;
		this.killAfter = killAfter;
	}

	@Override
	public void beforeUpdate() {
		if (killBefore > 0 && before.incrementAndGet() == killBefore) {
			halt("before");
		}
	}

	@Override
	public void afterUpdate() {
		if (killAfter > 0 && after.incrementAndGet() == killAfter) {
			halt("after");
		}
	}

	private static void halt(String where) {
		System.err.println("kam.test: halting " + where + " a bulk update (test hook)");
		System.err.flush();
		Runtime.getRuntime().halt(137);
	}

}
