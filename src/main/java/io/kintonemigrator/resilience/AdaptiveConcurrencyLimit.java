package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many of our calls one kintone domain may have in flight, adapted to what the domain
 * reports. kintone allows {@code X-ConcurrencyLimit-Limit} (100) requests in flight per
 * domain, shared with every other client of it, and says in
 * {@code X-ConcurrencyLimit-Running} how many are running, ours included. We keep
 * {@code headroom} of them free for the others:
 * <ul>
 * <li>{@link #observe}: the others run {@code running - own} (our requests the domain
 * counted; when unknown, our calls in flight); what fits for us is
 * {@code limit - headroom - others}. Less than our current limit: the limit drops to it
 * at once (repeated reports of the same crowd give the same figure, so it never collapses
 * further). More: the limit grows by {@code 1/limit} per report, one per round trip of
 * all calls in flight (additive increase).</li>
 * <li>{@link #refused}: the domain answered 429 ({@code GAIA_TO04}): our estimate was
 * wrong, the limit halves relative to the calls in flight (multiplicative decrease).
 * Several 429s of one wave cut about once, since the calls of that wave are still in
 * flight.</li>
 * </ul>
 * The limit stays between {@code floor} and {@code ceiling} ({@code limits.concurrency});
 * it starts at the ceiling. A lowered limit never interrupts a call: calls in flight
 * finish, new ones wait. Waiting callers are served in arrival order. Thread-safe.
 */
final class AdaptiveConcurrencyLimit {

	private final int floor;

	private final int ceiling;

	private final int headroom;

	private final ReentrantLock lock = new ReentrantLock(true);

	private final Condition slotFree = lock.newCondition();

	private int limit;

	private int inFlight;

	private int lowest;

	private int lastRunning = -1;

	/** Fractions of a slot earned by reports with room, until a whole one is. */
	private double growth;

	/**
	 * @param floor the lowest limit, at least 1 (taken as {@code ceiling} when greater)
	 * @param ceiling the highest limit, the configured concurrency
	 * @param headroom requests in flight to leave free for the domain's other clients, at
	 * least 0
	 */
	AdaptiveConcurrencyLimit(int floor, int ceiling, int headroom) {
		if (floor < 1 || ceiling < 1 || headroom < 0) {
			throw new IllegalArgumentException("floor and ceiling must be at least 1, headroom at least 0: " + floor
					+ ", " + ceiling + ", " + headroom);
		}
		this.floor = Math.min(floor, ceiling);
		this.ceiling = ceiling;
		this.headroom = headroom;
		this.limit = ceiling;
		this.lowest = ceiling;
	}

	/**
	 * Takes a slot, waiting up to {@code maxWait} for one. Every successful call must be
	 * paired with one {@link #release()}.
	 * @return false when no slot came free in time, or the thread was interrupted (its
	 * flag is set again)
	 */
	boolean acquire(Duration maxWait) {
		long nanos = maxWait.toNanos();
		lock.lock();
		try {
			while (inFlight >= limit) {
				if (nanos <= 0) {
					return false;
				}
				nanos = slotFree.awaitNanos(nanos);
			}
			inFlight++;
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	/** Gives a slot back. */
	void release() {
		lock.lock();
		try {
			if (inFlight == 0) {
				throw new IllegalStateException("release() without acquire()");
			}
			inFlight--;
			if (inFlight < limit) {
				slotFree.signal();
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Adapts the limit to a domain's report; call it while the call that got the report
	 * still holds its slot (the domain counted that call too). Negative figures (header
	 * missing) are ignored.
	 * @param domainLimit {@code X-ConcurrencyLimit-Limit}
	 * @param running {@code X-ConcurrencyLimit-Running}
	 * @param own how many of {@code running} were ours, -1 when unknown (our calls in
	 * flight are taken instead: an overestimate, since part of a call's time is spent on
	 * our side)
	 */
	void observe(int domainLimit, int running, int own) {
		if (domainLimit <= 0 || running < 0) {
			return;
		}
		lock.lock();
		try {
			lastRunning = running;
			int others = Math.max(0, running - (own >= 0 ? own : inFlight));
			int fits = domainLimit - headroom - others;
			if (fits < limit) {
				setLimit(fits);
			}
			else if (fits > limit) {
				growth += 1.0 / limit;
				if (growth >= 1) {
					setLimit(limit + 1);
				}
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The domain refused a call for too many concurrent requests: halve, relative to what
	 * is in flight.
	 */
	void refused() {
		lock.lock();
		try {
			setLimit(Math.min(limit, inFlight / 2));
		}
		finally {
			lock.unlock();
		}
	}

	private void setLimit(int wanted) {
		growth = 0;
		int previous = limit;
		limit = Math.max(floor, Math.min(ceiling, wanted));
		lowest = Math.min(lowest, limit);
		for (int freed = limit - Math.max(previous, inFlight); freed > 0; freed--) {
			slotFree.signal();
		}
	}

	/** What the limit is now, and how it went. */
	Snapshot snapshot() {
		lock.lock();
		try {
			return new Snapshot(limit, inFlight, lowest, ceiling, lastRunning);
		}
		finally {
			lock.unlock();
		}
	}

	int limit() {
		return snapshot().limit();
	}

	int inFlight() {
		return snapshot().inFlight();
	}

	/**
	 * @param limit calls allowed in flight now
	 * @param inFlight calls in flight now
	 * @param lowest the lowest limit so far
	 * @param ceiling the highest limit, the configured concurrency
	 * @param lastRunning the domain's last {@code X-ConcurrencyLimit-Running}, -1 before
	 * any
	 */
	record Snapshot(int limit, int inFlight, int lowest, int ceiling, int lastRunning) {
	}

	@Override
	public String toString() {
		Snapshot s = snapshot();
		return "AdaptiveConcurrencyLimit[" + s.limit + " of " + s.ceiling + ", " + s.inFlight + " in flight]";
	}

}
