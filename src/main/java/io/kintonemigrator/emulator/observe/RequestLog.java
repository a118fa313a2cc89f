package io.kintonemigrator.emulator.observe;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most recent requests, oldest first, capped so a long-running emulator does not
 * grow. Thread-safe.
 */
public final class RequestLog {

	private final ConcurrentLinkedDeque<RequestLogEntry> entries = new ConcurrentLinkedDeque<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	public RequestLog(int capacity) {
		this.capacity = capacity;
	}

	public void add(RequestLogEntry entry) {
		this.entries.addLast(entry);
		if (this.size.incrementAndGet() > this.capacity && this.entries.pollFirst() != null) {
			this.size.decrementAndGet();
		}
	}

	/** A snapshot, oldest first. */
	public List<RequestLogEntry> entries() {
		return List.copyOf(this.entries);
	}

	public void clear() {
		this.entries.clear();
		this.size.set(0);
	}

}
