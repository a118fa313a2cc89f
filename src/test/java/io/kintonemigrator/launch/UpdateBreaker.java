package io.kintonemigrator.launch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import io.kintonemigrator.testsupport.RecordUpdateRequests;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An emulator request filter that answers 503 to every bulk update
 * ({@code PUT records.json} in {@code POST bulkRequest.json}) after the first
 * {@code allowed} ones, until healed, without applying it: the first chunks commit and
 * the next one fails at its update. Chunks send their updates one after the other, so
 * which chunk fails does not depend on how the transfers interleave (the job moves the
 * next chunk's files while a chunk finishes), and a single refused request never trips
 * the circuit breaker.
 */
public final class UpdateBreaker implements Filter {

	private final int allowed;

	private final AtomicInteger updates = new AtomicInteger();

	private volatile boolean healed;

	public UpdateBreaker(int allowed) {
		this.allowed = allowed;
	}

	public void heal() {
		healed = true;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		if (!healed && RecordUpdateRequests.isUpdate(http) && updates.incrementAndGet() > allowed) {
			((HttpServletResponse) response).sendError(503, "update refused by the test");
			return;
		}
		chain.doFilter(request, response);
	}

}
