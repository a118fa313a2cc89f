package io.kintonemigrator.emulator.observe;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Counts requests while they run; {@link #snapshot()} gives an immutable
 * {@link EmulatorStats}. Thread-safe.
 */
public final class StatsRecorder {

	private final Clock clock;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	private final AtomicLong total = new AtomicLong();

	private final Map<Long, Map<String, LongAdder>> byApp = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> byApi = new ConcurrentHashMap<>();

	private final Map<Long, Map<LocalDate, LongAdder>> daily = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

	public StatsRecorder(Clock clock) {
		this.clock = clock;
	}

	/** A request arrived; returns how many are now in flight, this one included. */
	public int requestStarted() {
		this.total.incrementAndGet();
		int running = this.inFlight.incrementAndGet();
		this.peakInFlight.accumulateAndGet(running, Math::max);
		return running;
	}

	/** A request is being answered (also when rejected); counts it once per request. */
	public void requestCounted(String method, @Nullable String api, @Nullable Long app) {
		if (api == null) {
			return;
		}
		String key = EmulatorStats.key(method, api);
		this.byApi.computeIfAbsent(key, (k) -> new LongAdder()).increment();
		if (app != null) {
			this.byApp.computeIfAbsent(app, (a) -> new ConcurrentHashMap<>())
				.computeIfAbsent(key, (k) -> new LongAdder())
				.increment();
			if (EmulatorStats.countsDaily(api)) {
				this.daily.computeIfAbsent(app, (a) -> new ConcurrentHashMap<>())
					.computeIfAbsent(EmulatorStats.kintoneDay(this.clock.instant()), (d) -> new LongAdder())
					.increment();
			}
		}
	}

	/**
	 * A fault was injected into a request (counted once per request, with the request).
	 */
	public void faultInjected(String fault) {
		this.faults.computeIfAbsent(fault, (f) -> new LongAdder()).increment();
	}

	/** A request is done; it no longer counts as in flight. */
	public void requestEnded() {
		this.inFlight.decrementAndGet();
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	public EmulatorStats snapshot() {
		Map<Long, Map<String, Long>> apps = new HashMap<>();
		this.byApp.forEach((app, counts) -> apps.put(app, freeze(counts)));
		Map<Long, Map<LocalDate, Long>> days = new HashMap<>();
		this.daily.forEach((app, counts) -> days.put(app, freeze(counts)));
		return new EmulatorStats(this.total.get(), this.inFlight.get(), this.peakInFlight.get(), Map.copyOf(apps),
				freeze(this.byApi), Map.copyOf(days), freeze(this.faults));
	}

	private static <K> Map<K, Long> freeze(Map<K, LongAdder> counts) {
		Map<K, Long> copy = new HashMap<>();
		counts.forEach((key, adder) -> copy.put(key, adder.sum()));
		return Map.copyOf(copy);
	}

}
