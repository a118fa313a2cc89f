package io.kintonemigrator.transfer;

/**
 * The heap bytes the process may spend on files kept in memory between their download and
 * their upload, shared by every transfer: a transfer that cannot reserve its file's size
 * streams through a temp file instead. {@link #shared()} is the one budget of the
 * process. Thread-safe; reservations never exceed the capacity.
 */
public final class MemoryBudget {

	/** The shared budget's most: 64 MiB, at most an eighth of the maximum heap. */
	static final long MAX_SHARED_CAPACITY = 64L * 1024 * 1024;

	private static final MemoryBudget SHARED = new MemoryBudget(
			Math.min(MAX_SHARED_CAPACITY, Runtime.getRuntime().maxMemory() / 8));

	private final long capacity;

	private long reserved;

	private long peak;

	private long refused;

	MemoryBudget(long capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
		}
		this.capacity = capacity;
	}

	/** The process's one budget. */
	public static MemoryBudget shared() {
		return SHARED;
	}

	/**
	 * Reserves {@code bytes} if they fit beside what is reserved already; a refusal is
	 * counted.
	 */
	synchronized boolean tryReserve(long bytes) {
		if (bytes < 0 || bytes > this.capacity - this.reserved) {
			this.refused++;
			return false;
		}
		this.reserved += bytes;
		this.peak = Math.max(this.peak, this.reserved);
		return true;
	}

	/** Gives back bytes of an earlier {@link #tryReserve}. */
	synchronized void release(long bytes) {
		if (bytes < 0 || bytes > this.reserved) {
			throw new IllegalStateException("releasing " + bytes + " of " + this.reserved + " reserved bytes");
		}
		this.reserved -= bytes;
	}

	long capacity() {
		return this.capacity;
	}

	synchronized long reserved() {
		return this.reserved;
	}

	/** The most ever reserved at once. */
	synchronized long peak() {
		return this.peak;
	}

	/** How many reservations did not fit. */
	synchronized long refused() {
		return this.refused;
	}

}
