package io.kintonemigrator.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.okhttp.EmulatorApps;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.DomainLoadGenerator;
import io.kintonemigrator.testsupport.SlowRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, part 2, against the emulator (limit 100, every request held 50 ms):
 * {@value #WORKERS} threads of ours read records as fast as our limit
 * ({@value #CONCURRENCY}, headroom {@value #HEADROOM}) lets them, while another client
 * holds 0, 20, 40, 60, 0, 30 and again 0 slots of the same domain. The emulator's
 * in-flight count (ours and theirs) is sampled throughout; the figures go to
 * docs/benchmarks.md. Bounds, not timings: once each step has settled, the domain stays
 * within {@code 100 - headroom} (a few samples caught mid-step may not), we get next to
 * no 429, and with the neighbour gone the limit climbs back to {@value #CONCURRENCY}.
 */
class AdaptiveConcurrencyTests {

	static final int CONCURRENCY = 50;

	static final int HEADROOM = 20;

	static final int WORKERS = 60;

	static final int[] NEIGHBOUR_STEPS = { 0, 20, 40, 60, 0, 30, 0 };

	/**
	 * Time for the step's requests to arrive and ours from before it to end; not
	 * measured.
	 */
	static final Duration SETTLE = Duration.ofMillis(1_500);

	static final Duration MEASURE = Duration.ofSeconds(2);

	private final OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory();

	private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private KintoneEmulator emulator;

	@AfterEach
	void stop() throws InterruptedException {
		running.set(false);
		pool.shutdown();
		pool.awaitTermination(30, TimeUnit.SECONDS);
		okhttp.close();
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void ourRequestsMakeRoomForANeighbourAndTakeTheDomainBackWhenItLeaves() throws Exception {
		emulator = KintoneEmulator.builder()
			.port(0)
			.seed(EmulatorApps.seed())
			.requestFilter(SlowRequests.delay(Duration.ofMillis(50)))
			.requestFilter(DomainLoadGenerator.holdFilter())
			.requestLogCapacity(2_000_000)
			.start();
		ResilienceSettings settings = ResilientKintoneClientTests.FAST.toBuilder()
			.maxConcurrentCalls(CONCURRENCY)
			.domainHeadroom(HEADROOM)
			.build();
		ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp, settings,
				new SimpleMeterRegistry());
		KintoneClient source = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, SOURCE_TOKEN));
		AdaptiveConcurrencyLimit limit = factory.guardOf("localhost:" + emulator.port()).concurrency();
		for (int i = 0; i < WORKERS; i++) {
			pool.submit(() -> {
				while (running.get()) {
					source.record(2);
				}
				return null;
			});
		}
		List<String> report = new ArrayList<>();
		List<Step> steps = new ArrayList<>();
		try (DomainLoadGenerator neighbour = new DomainLoadGenerator(emulator.baseUrl(), SOURCE, SOURCE_TOKEN,
				Duration.ofMillis(500)); Sampler sampler = new Sampler(limit)) {
			for (int held : NEIGHBOUR_STEPS) {
				neighbour.hold(held);
				long stepStarted = System.nanoTime();
				// settle: the neighbour's requests are in, and ours that started before
				// the step are done
				Thread.sleep(SETTLE.toMillis());
				long measureFrom = System.nanoTime();
				Thread.sleep(MEASURE.toMillis());
				steps.add(new Step(held, sampler.between(stepStarted, measureFrom),
						sampler.between(measureFrom, System.nanoTime())));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> limit.limit() == CONCURRENCY);
			report.add("lowest limit " + limit.snapshot().lowest() + "; neighbour " + neighbour.sent() + " requests, "
					+ neighbour.refused() + " answered 429");
		}
		steps.forEach(step -> report.add(step.toString()));
		running.set(false);
		List<RequestLogEntry> ours = emulator.requestLog()
			.stream()
			.filter(entry -> entry.header(DomainLoadGenerator.HOLD_HEADER) == null)
			.toList();
		long ours429 = ours.stream().filter(entry -> entry.status() == 429).count();
		report.add("ours: " + ours.size() + " requests, " + ours429 + " answered 429");
		report.forEach(line -> System.out.println("adaptive concurrency: " + line));

		assertThat(steps).allSatisfy(step -> {
			assertThat(step.measured().stream().filter(s -> s.domain() > 100 - HEADROOM).count())
				.as("samples over %d with a neighbour of %d", 100 - HEADROOM, step.neighbour())
				.isLessThanOrEqualTo(step.measured().size() / 20);
			assertThat(step.settling().stream().mapToInt(Sample::domain).max().orElse(0)).as("the domain's limit")
				.isLessThanOrEqualTo(100);
		});
		assertThat(ours429).as("429 answers to us").isLessThanOrEqualTo(ours.size() / 1000);
		assertThat(limit.snapshot().lowest()).as("the limit made room").isLessThanOrEqualTo(100 - HEADROOM - 60 + 5);
	}

	/**
	 * One step of the neighbour: the samples while we adapt to it, and those measured
	 * after.
	 */
	record Step(int neighbour, List<Sample> settling, List<Sample> measured) {

		@Override
		public String toString() {
			IntSummaryStatistics domain = measured.stream().mapToInt(Sample::domain).summaryStatistics();
			IntSummaryStatistics ours = measured.stream().mapToInt(Sample::ours).summaryStatistics();
			long over = measured.stream().filter(s -> s.domain() > 100 - HEADROOM).count();
			long start = settling.isEmpty() ? 0 : settling.get(0).nanos();
			// with the neighbour gone: how long the limit took to climb back
			String climb = neighbour > 0 ? ""
					: Stream.concat(settling.stream(), measured.stream())
						.filter(s -> s.limit() == CONCURRENCY)
						.findFirst()
						.map(s -> ", at " + CONCURRENCY + " after " + (s.nanos() - start) / 1_000_000 + " ms")
						.orElse(", below " + CONCURRENCY);
			return String.format(Locale.ROOT,
					"neighbour %2d: domain in flight mean %.1f max %d (max %d while settling), ours mean %.1f max %d, "
							+ "limit %d-%d%s, samples over %d: %d of %d",
					neighbour, domain.getAverage(), domain.getMax(),
					settling.stream().mapToInt(Sample::domain).max().orElse(0), ours.getAverage(), ours.getMax(),
					measured.stream().mapToInt(Sample::limit).min().orElse(0),
					measured.stream().mapToInt(Sample::limit).max().orElse(0), climb, 100 - HEADROOM, over,
					measured.size());
		}

	}

	/**
	 * The domain's requests in flight (ours and the neighbour's), ours, and our limit.
	 */
	record Sample(long nanos, int domain, int ours, int limit) {
	}

	/** Samples every 10 ms on a thread of its own until closed. */
	private final class Sampler implements AutoCloseable {

		private final List<Sample> samples = new ArrayList<>();

		private final Thread thread;

		private volatile boolean sampling = true;

		Sampler(AdaptiveConcurrencyLimit limit) {
			thread = new Thread(() -> {
				while (sampling) {
					AdaptiveConcurrencyLimit.Snapshot ours = limit.snapshot();
					Sample sample = new Sample(System.nanoTime(), emulator.stats().inFlight(), ours.inFlight(),
							ours.limit());
					synchronized (samples) {
						samples.add(sample);
					}
					try {
						Thread.sleep(10);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "sampler");
			thread.setDaemon(true);
			thread.start();
		}

		List<Sample> between(long fromNanos, long toNanos) {
			synchronized (samples) {
				return samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() < toNanos).toList();
			}
		}

		@Override
		public void close() throws InterruptedException {
			sampling = false;
			thread.join(10_000);
		}

	}

}
