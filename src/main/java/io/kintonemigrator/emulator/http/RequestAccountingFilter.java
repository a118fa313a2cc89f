package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.time.Clock;

import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.StatsRecorder;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The outermost filter: counts the request in flight while it runs and makes sure it is
 * logged and counted once (see {@link RequestAccounting}), even when an inner component
 * failed without answering.
 */
final class RequestAccountingFilter extends HttpFilter {

	private final transient Clock clock;

	private final transient StatsRecorder stats;

	private final transient RequestLog log;

	RequestAccountingFilter(Clock clock, StatsRecorder stats, RequestLog log) {
		this.clock = clock;
		this.stats = stats;
		this.log = log;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		RequestAccounting accounting = new RequestAccounting(request, this.clock.instant(), this.stats, this.log);
		request.setAttribute(RequestAccounting.ATTRIBUTE, accounting);
		request.setAttribute(RequestAttributes.RUNNING, this.stats.requestStarted());
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			accounting.record(request, 500);
			throw ex;
		}
		finally {
			accounting.record(request, response.getStatus());
			this.stats.requestEnded();
		}
	}

}
