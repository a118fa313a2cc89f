package io.kintonemigrator.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: it reads the instant last {@link #set} or reached by
 * {@link #advance}, never the system time. Thread-safe: a test thread may move it while
 * the code under test reads it.
 * <p>
 * Its zone is UTC unless given. {@link #withZone} returns a view in another zone that
 * shares this clock's instant, so moving either moves both.
 */
public final class TestClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	/** A clock at {@code start} in UTC. */
	public TestClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	/** A clock at {@code start} in {@code zone}. */
	public TestClock(Instant start, ZoneId zone) {
		this(new AtomicReference<>(start), zone);
	}

	private TestClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	/** Moves the clock forward (or back, for a negative duration). */
	public void advance(Duration duration) {
		this.now.updateAndGet(instant -> instant.plus(duration));
	}

	/** Moves the clock to {@code instant}. */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return zone.equals(this.zone) ? this : new TestClock(this.now, zone);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}
