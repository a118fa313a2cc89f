package io.kintonemigrator.migration;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Test hook</b> for the crash tests, inert unless a system property is set: halts the
 * JVM (as a SIGKILL would, no shutdown hooks) at exactly one of the two points that
 * matter for exactly-once.
 * <ul>
 * <li>{@code kam.test.killBeforeUpdate=N}: in the N-th bulk update of this JVM, after its
 * intents were committed and its files uploaded, before the update is sent;</li>
 * <li>{@code kam.test.killAfterUpdate=N}: after kintone accepted the N-th bulk update,
 * before the chunk's transaction commits.</li>
 * </ul>
 */
final class CrashTestHook {

	private static final int KILL_BEFORE = Integer.getInteger("kam.test.killBeforeUpdate", 0);

	private static final int KILL_AFTER = Integer.getInteger("kam.test.killAfterUpdate", 0);

	private static final AtomicInteger BEFORE = new AtomicInteger();

	private static final AtomicInteger AFTER = new AtomicInteger();

	private CrashTestHook() {
	}

	static void beforeUpdate() {
		if (KILL_BEFORE > 0 && BEFORE.incrementAndGet() == KILL_BEFORE) {
			halt("before");
		}
	}

	static void afterUpdate() {
		if (KILL_AFTER > 0 && AFTER.incrementAndGet() == KILL_AFTER) {
			halt("after");
		}
	}

	private static void halt(String where) {
		System.err.println("kam.test: halting " + where + " a bulk update (test hook)");
		System.err.flush();
		Runtime.getRuntime().halt(137);
	}

}
