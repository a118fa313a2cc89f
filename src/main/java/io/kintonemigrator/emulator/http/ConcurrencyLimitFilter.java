package io.kintonemigrator.emulator.http;

import java.io.IOException;

import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.ApiPath;
import io.kintonemigrator.emulator.api.KintoneErrors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * kintone's per-domain concurrency limit (kintone-api.md §7): every response carries
 * {@code X-ConcurrencyLimit-Limit} and {@code X-ConcurrencyLimit-Running}; a request
 * arriving while more than the limit are in flight (itself included) is answered 429
 * {@code GAIA_TO04} with {@code X-Cybozu-Error: GAIA_TO04}.
 */
final class ConcurrencyLimitFilter extends HttpFilter {

	private final int limit;

	private final transient JsonResponses responses;

	ConcurrencyLimitFilter(int limit, JsonResponses responses) {
		this.limit = limit;
		this.responses = responses;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		int running = (Integer) request.getAttribute(RequestAttributes.RUNNING);
		response.setHeader("X-ConcurrencyLimit-Limit", Integer.toString(this.limit));
		response.setHeader("X-ConcurrencyLimit-Running", Integer.toString(running));
		if (running > this.limit) {
			ApiPath path = ApiPath.parse(request.getRequestURI());
			if (path != null) {
				request.setAttribute(RequestAttributes.API, path.api());
			}
			response.setHeader("X-Cybozu-Error", KintoneErrors.TOO_MANY_CONCURRENT_REQUESTS.code());
			this.responses.writeError(request, response, new ApiException(KintoneErrors.TOO_MANY_CONCURRENT_REQUESTS));
			return;
		}
		chain.doFilter(request, response);
	}

}
