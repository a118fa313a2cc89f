package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Another client of the same kintone domain (another integration, a plugin, a batch): it
 * keeps a given number of slow requests in flight, each held by the emulator for
 * {@code hold} through {@link #holdFilter()}, and sends the next one as soon as one
 * returns. A 429 makes that worker wait 50 ms before it tries again (it is busy, not
 * rude). {@link #hold(int)} changes the number at any time; a worker told to stop
 * finishes its request first. Thread-safe.
 */
public final class DomainLoadGenerator implements AutoCloseable {

	/**
	 * A request carrying this header is held by {@link #holdFilter()} for that many
	 * milliseconds.
	 */
	public static final String HOLD_HEADER = "X-Test-Hold-Millis";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI requestUri;

	private final String apiToken;

	private final Duration hold;

	private final List<AtomicBoolean> workers = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final LongAdder sent = new LongAdder();

	private final LongAdder refused = new LongAdder();

	/**
	 * @param baseUrl the emulator's base URL
	 * @param app an app {@code apiToken} may read; the generator reads its record 1 again
	 * and again
	 */
	public DomainLoadGenerator(URI baseUrl, long app, String apiToken, Duration hold) {
		this.requestUri = baseUrl.resolve("/k/v1/record.json?app=" + app + "&id=1");
		this.apiToken = apiToken;
		this.hold = hold;
	}

	/**
	 * For {@code KintoneEmulatorBuilder.requestFilter}: holds each request that carries
	 * {@link #HOLD_HEADER} while it counts as in flight; other requests pass at once.
	 */
	public static Filter holdFilter() {
		return (request, response, chain) -> {
			String millis = ((HttpServletRequest) request).getHeader(HOLD_HEADER);
			if (millis != null) {
				try {
					Thread.sleep(Long.parseLong(millis));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			chain.doFilter(request, response);
		};
	}

	/** Keeps {@code requests} requests in flight from now on (0 = stop sending). */
	public synchronized void hold(int requests) {
		while (workers.size() < requests) {
			AtomicBoolean running = new AtomicBoolean(true);
			Thread thread = new Thread(() -> work(running), "load-generator-" + workers.size());
			thread.setDaemon(true);
			workers.add(running);
			threads.add(thread);
			thread.start();
		}
		while (workers.size() > requests) {
			workers.remove(workers.size() - 1).set(false);
		}
	}

	/** Requests answered so far. */
	public long sent() {
		return sent.sum();
	}

	/** Of those, answered 429. */
	public long refused() {
		return refused.sum();
	}

	private void work(AtomicBoolean running) {
		HttpRequest request = HttpRequest.newBuilder(requestUri)
			.header("X-Cybozu-API-Token", apiToken)
			.header(HOLD_HEADER, Long.toString(hold.toMillis()))
			.GET()
			.build();
		while (running.get()) {
			try {
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				sent.increment();
				if (status == 429) {
					refused.increment();
					Thread.sleep(50);
				}
			}
			catch (IOException ex) {
				// the emulator is shutting down; the next round decides whether to go on
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Stops every worker and waits for their last requests. */
	@Override
	public void close() throws InterruptedException {
		List<Thread> started;
		synchronized (this) {
			hold(0);
			started = List.copyOf(threads);
		}
		for (Thread thread : started) {
			thread.join(hold.toMillis() + 10_000);
			thread.interrupt();
		}
	}

}
