package io.kintonemigrator.transfer;

import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;

/**
 * The heap bytes the process may spend on files kept in memory between their download and
 * their upload, shared by every transfer: a transfer that cannot take its file's size
 * streams through a temp file instead. {@link #shared()} is the one budget of the
 * process. Thread-safe; what is handed out and kept never exceeds the capacity together.
 *
 * <p>
 * The memory comes in blocks of {@value #BLOCK} bytes, all of one size, kept for reuse
 * when given back: a run allocates at most the capacity in blocks once and then none, so
 * the garbage collector sees no allocation rate from the files and has no reason to grow
 * the heap. A block is far below the size G1 allocates as a humongous object (half a
 * region, at least 512 KiB), so blocks are ordinary old objects. (Arrays of the file's
 * size, rounded up to powers of two, were humongous from 2 MiB and came in several sizes
 * that replaced each other: G1 grew a heap without {@code -Xmx} to 640 MiB for a 64 MiB
 * budget; docs/benchmarks.md, "Peak RSS without -Xmx".)
 */
public final class MemoryBudget {

	/** The shared budget's most: 64 MiB, at most an eighth of the maximum heap. */
	static final long MAX_SHARED_CAPACITY = 64L * 1024 * 1024;

	/** The size of every block. */
	static final int BLOCK = 64 * 1024;

	private static final MemoryBudget SHARED = new MemoryBudget(
			Math.min(MAX_SHARED_CAPACITY, Runtime.getRuntime().maxMemory() / 8));

	private final long capacity;

	/** Blocks given back, for reuse. */
	private final ArrayDeque<byte[]> kept = new ArrayDeque<>();

	private long handedOut;

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
	 * Blocks that hold {@code size} bytes together (at least one; kept ones first), or
	 * null, counted as a refusal, if they do not fit beside the blocks handed out; give
	 * them back with {@link #give}.
	 */
	synchronized byte @Nullable [][] take(long size) {
		int count = blocksFor(size);
		long bytes = (long) count * BLOCK;
		if (size < 0 || bytes > this.capacity - this.handedOut) {
			this.refused++;
			return null;
		}
		byte[][] blocks = new byte[count][];
		for (int i = 0; i < count; i++) {
			byte[] block = this.kept.poll();
			blocks[i] = (block != null) ? block : new byte[BLOCK];
		}
		this.handedOut += bytes;
		this.peak = Math.max(this.peak, this.handedOut);
		return blocks;
	}

	/** Gives back the blocks of one {@link #take}, kept for reuse. */
	synchronized void give(byte[][] blocks) {
		long bytes = (long) blocks.length * BLOCK;
		if (bytes > this.handedOut) {
			throw new IllegalStateException("giving back " + bytes + " of " + this.handedOut + " bytes handed out");
		}
		for (byte[] block : blocks) {
			if (block.length != BLOCK) {
				throw new IllegalStateException("a block of " + block.length + " bytes is not one of this budget's");
			}
			this.kept.push(block);
		}
		this.handedOut -= bytes;
	}

	/** How many blocks hold {@code size} bytes: at least one. */
	static int blocksFor(long size) {
		return (int) Math.max(1, (size + BLOCK - 1) / BLOCK);
	}

	/** Bytes in kept blocks. */
	synchronized long kept() {
		return (long) this.kept.size() * BLOCK;
	}

	long capacity() {
		return this.capacity;
	}

	/** Bytes in blocks handed out and not given back. */
	synchronized long reserved() {
		return this.handedOut;
	}

	/** The most ever handed out at once. */
	synchronized long peak() {
		return this.peak;
	}

	/** How many {@link #take}s did not fit. */
	synchronized long refused() {
		return this.refused;
	}

}
