package io.kintonemigrator.transfer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The heap bytes the process may spend on files kept in memory between their download and
 * their upload, shared by every transfer: a transfer that cannot reserve its file's size
 * streams through a temp file instead. {@link #shared()} is the one budget of the
 * process. Thread-safe; reservations never exceed the capacity.
 *
 * <p>
 * The arrays it hands out ({@link #take}) come in powers of two from 64 KiB and are kept
 * for reuse when given back, counted against the same capacity (a kept array is dropped
 * when a reservation needs its room): a file in memory costs no new heap in a steady run,
 * so the garbage collector has no reason to grow the heap.
 */
public final class MemoryBudget {

	/** The shared budget's most: 64 MiB, at most an eighth of the maximum heap. */
	static final long MAX_SHARED_CAPACITY = 64L * 1024 * 1024;

	private static final MemoryBudget SHARED = new MemoryBudget(
			Math.min(MAX_SHARED_CAPACITY, Runtime.getRuntime().maxMemory() / 8));

	/** The smallest array {@link #take} hands out. */
	static final int MIN_ARRAY = 64 * 1024;

	private final long capacity;

	/** Arrays given back, by length, for reuse. */
	private final Map<Integer, ArrayDeque<byte[]>> kept = new HashMap<>();

	private long keptBytes;

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
		makeRoom(bytes);
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

	/**
	 * A reserved array of at least {@code size} bytes (a kept one if there is one of that
	 * length), or null if it does not fit; give it back with {@link #give}.
	 */
	synchronized byte @Nullable [] take(int size) {
		int length = arrayLength(size);
		ArrayDeque<byte[]> arrays = this.kept.get(length);
		if (arrays != null && !arrays.isEmpty()) {
			this.keptBytes -= length;
			this.reserved += length;
			this.peak = Math.max(this.peak, this.reserved);
			return arrays.pop();
		}
		return tryReserve(length) ? new byte[length] : null;
	}

	/** Gives back an array of {@link #take}: kept for reuse, within the capacity. */
	synchronized void give(byte[] array) {
		release(array.length);
		this.kept.computeIfAbsent(array.length, (length) -> new ArrayDeque<>()).push(array);
		this.keptBytes += array.length;
	}

	/**
	 * Drops kept arrays until {@code bytes} more fit beside the reserved and kept ones.
	 */
	private void makeRoom(long bytes) {
		for (ArrayDeque<byte[]> arrays : this.kept.values()) {
			while (this.reserved + this.keptBytes + bytes > this.capacity && !arrays.isEmpty()) {
				this.keptBytes -= arrays.pop().length;
			}
		}
	}

	/** The powers of two from {@link #MIN_ARRAY}: few lengths, so arrays are reused. */
	static int arrayLength(int size) {
		return (size <= MIN_ARRAY) ? MIN_ARRAY : Integer.highestOneBit(size - 1) << 1;
	}

	/** Bytes held in kept arrays. */
	synchronized long kept() {
		return this.keptBytes;
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
