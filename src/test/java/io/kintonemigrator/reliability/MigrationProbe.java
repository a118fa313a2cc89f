package io.kintonemigrator.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.kintonemigrator.testsupport.HeldResponse;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An emulator request filter that lets a test act at moments of a migration: it counts
 * finished uploads ({@code POST file.json}) and bulk updates that kintone applied
 * ({@code PUT records.json} in {@code POST bulkRequest.json}), and a test thread waits
 * for a count. It can also hold the answer of every bulk update for a while after kintone
 * applied it, like a slow network: that widens the window "kintone accepted the update
 * but the migrator has not heard it yet", where a crash tests the ledger's intents.
 * Thread-safe.
 */
final class MigrationProbe implements Filter {

	private final Duration updateAnswerDelay;

	private long uploads;

	private long updates;

	MigrationProbe(Duration updateAnswerDelay) {
		this.updateAnswerDelay = updateAnswerDelay;
	}

	synchronized long uploads() {
		return uploads;
	}

	synchronized long updates() {
		return updates;
	}

	/**
	 * Waits until at least {@code count} uploads finished; false if {@code child} ended
	 * first.
	 */
	boolean awaitUploads(long count, Process child) throws InterruptedException {
		return await(this::uploads, count, child);
	}

	/**
	 * Waits until at least {@code count} bulk updates were applied; false if
	 * {@code child} ended first.
	 */
	boolean awaitUpdates(long count, Process child) throws InterruptedException {
		return await(this::updates, count, child);
	}

	private synchronized boolean await(LongSupplier counter, long count, Process child) throws InterruptedException {
		while (counter.getAsLong() < count) {
			if (!child.isAlive()) {
				return false;
			}
			wait(20); // woken by every count; the timeout only notices the child's end
		}
		return true;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		String path = http.getRequestURI();
		boolean upload = "POST".equals(http.getMethod()) && path.endsWith("/file.json");
		boolean update = RecordUpdateRequests.isUpdate(http);
		if (update && !updateAnswerDelay.isZero()) {
			HeldResponse held = new HeldResponse((HttpServletResponse) response);
			chain.doFilter(request, held);
			count(false, held.getStatus() == 200);
			sleep(updateAnswerDelay);
			held.release();
			return;
		}
		chain.doFilter(request, response);
		count(upload && ((HttpServletResponse) response).getStatus() == 200,
				update && ((HttpServletResponse) response).getStatus() == 200);
	}

	private synchronized void count(boolean upload, boolean update) {
		if (upload) {
			uploads++;
		}
		if (update) {
			updates++;
		}
		notifyAll();
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
