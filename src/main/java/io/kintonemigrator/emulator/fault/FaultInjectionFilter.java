package io.kintonemigrator.emulator.fault;

import java.io.InterruptedIOException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.ApiPath;
import io.kintonemigrator.emulator.api.ApiSettings;
import io.kintonemigrator.emulator.api.KintoneErrors;
import io.kintonemigrator.emulator.http.JsonResponses;
import io.kintonemigrator.emulator.http.RequestAccounting;
import io.kintonemigrator.emulator.http.RequestAttributes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Injects what the current {@link FaultSettings} ask for into each kintone request it
 * affects: first the latency, then at most one {@link FaultKind}, and a bandwidth cap on
 * the response body. An injected fault is noted in
 * {@link RequestAttributes#INJECTED_FAULT} so the request log and stats show it. Settings
 * can be swapped while running ({@link #update(FaultSettings)}); each swap restarts the
 * random sequence from the new settings' seed. Thread-safe.
 */
public final class FaultInjectionFilter extends HttpFilter {

	private static final long serialVersionUID = 1L;

	private static final byte[] SERVICE_UNAVAILABLE_BODY = "Service Unavailable".getBytes(StandardCharsets.US_ASCII);

	private final transient AtomicReference<FaultPlan> plan;

	private final transient JsonResponses responses;

	private final int concurrencyLimit;

	public FaultInjectionFilter(FaultSettings settings, ApiSettings apiSettings) {
		this.plan = new AtomicReference<>(new FaultPlan(settings));
		this.responses = new JsonResponses(apiSettings);
		this.concurrencyLimit = apiSettings.concurrencyLimit();
	}

	/** Applies to requests arriving from now on. */
	public void update(FaultSettings settings) {
		this.plan.set(new FaultPlan(settings));
	}

	public FaultSettings settings() {
		return this.plan.get().settings();
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		FaultPlan current = this.plan.get();
		ApiPath path = ApiPath.parse(request.getRequestURI());
		String api = (path != null) ? path.api() : null;
		if (!current.settings().isActive() || !current.settings().affects(api)) {
			chain.doFilter(request, response);
			return;
		}
		FaultPlan.Decision decision = current.decide();
		sleep(decision.latencyNanos());
		FaultKind fault = decision.fault();
		if (fault != null) {
			note(request, api, fault);
		}
		if (fault == FaultKind.TOO_MANY_REQUESTS) {
			response.setHeader("X-ConcurrencyLimit-Limit", Integer.toString(this.concurrencyLimit));
			response.setHeader("X-ConcurrencyLimit-Running", Integer.toString(this.concurrencyLimit + 1));
			response.setHeader("X-Cybozu-Error", KintoneErrors.TOO_MANY_CONCURRENT_REQUESTS.code());
			this.responses.writeError(request, response, new ApiException(KintoneErrors.TOO_MANY_CONCURRENT_REQUESTS));
			return;
		}
		if (fault == FaultKind.DATABASE_LOCKED) {
			this.responses.writeError(request, response, new ApiException(KintoneErrors.DATABASE_LOCKED));
			return;
		}
		if (fault == FaultKind.SERVICE_UNAVAILABLE) {
			writeServiceUnavailable(request, response);
			return;
		}
		if (fault == FaultKind.STALL) {
			sleep(current.settings().stallDuration().toNanos());
		}
		proceed(request, response, chain, current.settings().bandwidthBytesPerSecond(),
				fault == FaultKind.CONNECTION_RESET);
	}

	private static void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			long bytesPerSecond, boolean cut) throws IOException, ServletException {
		if (bytesPerSecond <= 0 && !cut) {
			chain.doFilter(request, response);
			return;
		}
		ShapedResponse shaped = new ShapedResponse(response, bytesPerSecond, cut, () -> ConnectionCutter.cut(request));
		try {
			chain.doFilter(request, shaped);
			if (cut && !shaped.wasCut()) {
				// the answer had no body to cut in half (e.g. a plain 404): drop the
				// connection after the head
				response.flushBuffer();
				ConnectionCutter.cut(request);
			}
		}
		catch (InjectedResetException ex) {
			// the connection is gone on purpose; nothing more to send
		}
	}

	/**
	 * The request log and stats see the fault; app is known here only when the query
	 * string names it.
	 */
	private static void note(HttpServletRequest request, @Nullable String api, FaultKind fault) {
		request.setAttribute(RequestAttributes.INJECTED_FAULT, fault.label());
		if (api != null) {
			request.setAttribute(RequestAttributes.API, api);
		}
		Long app = appInQueryString(request.getQueryString());
		if (app != null) {
			request.setAttribute(RequestAttributes.APP, app);
		}
	}

	private static @Nullable Long appInQueryString(@Nullable String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("app=")) {
				try {
					return Long.valueOf(pair.substring(4));
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static void writeServiceUnavailable(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		RequestAccounting.beforeAnswer(request, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setContentType("text/plain;charset=us-ascii");
		response.setContentLength(SERVICE_UNAVAILABLE_BODY.length);
		response.getOutputStream().write(SERVICE_UNAVAILABLE_BODY);
	}

	private static void sleep(long nanos) throws IOException {
		if (nanos <= 0) {
			return;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while injecting latency");
		}
	}

}
