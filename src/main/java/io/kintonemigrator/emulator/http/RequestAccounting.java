package io.kintonemigrator.emulator.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.observe.StatsRecorder;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Logs and counts one request exactly once, just before its answer goes out, so a client
 * that has read the answer always finds the request in {@code requestLog()} and
 * {@code stats()}. Whoever writes a response calls
 * {@link #beforeAnswer(ServletRequest, int)} first (JSON answers, downloads, 404s, and
 * filters that answer themselves, such as fault injection); the accounting filter catches
 * the rest.
 */
public final class RequestAccounting {

	static final String ATTRIBUTE = RequestAccounting.class.getName();

	private final AtomicBoolean recorded = new AtomicBoolean();

	private final Instant start;

	private final String method;

	private final String path;

	private final Map<String, List<String>> headers;

	private final StatsRecorder stats;

	private final RequestLog log;

	RequestAccounting(HttpServletRequest request, Instant start, StatsRecorder stats, RequestLog log) {
		this.start = start;
		this.method = request.getMethod();
		this.path = request.getRequestURI();
		this.headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			this.headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
		}
		this.stats = stats;
		this.log = log;
	}

	/**
	 * Records the request with what {@link RequestAttributes} say now and the status
	 * about to be sent.
	 */
	public static void beforeAnswer(ServletRequest request, int status) {
		Object accounting = request.getAttribute(ATTRIBUTE);
		if (accounting instanceof RequestAccounting requestAccounting) {
			requestAccounting.record(request, status);
		}
	}

	void record(ServletRequest request, int status) {
		if (!this.recorded.compareAndSet(false, true)) {
			return;
		}
		String effective = (String) request.getAttribute(RequestAttributes.EFFECTIVE_METHOD);
		String api = (String) request.getAttribute(RequestAttributes.API);
		Long app = (Long) request.getAttribute(RequestAttributes.APP);
		String fault = (String) request.getAttribute(RequestAttributes.INJECTED_FAULT);
		this.stats.requestCounted((effective != null) ? effective : this.method, api, app);
		if (fault != null) {
			this.stats.faultInjected(fault);
		}
		this.log.add(new RequestLogEntry(this.start, this.method, (effective != null) ? effective : this.method,
				this.path, api, app, status, (String) request.getAttribute(RequestAttributes.KINTONE_CODE), fault,
				this.headers));
	}

}
