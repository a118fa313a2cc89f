package io.kintonemigrator.launch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** An emulator request filter that answers 503 to every upload after the first {@code allowed} ones, until healed. */
final class UploadBreaker implements Filter {

	private final int allowed;

	private final AtomicInteger uploads = new AtomicInteger();

	private volatile boolean healed;

	UploadBreaker(int allowed) {
		this.allowed = allowed;
	}

	void heal() {
		healed = true;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		if (!healed && "POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/file.json")
				&& uploads.incrementAndGet() > allowed) {
			((HttpServletResponse) response).sendError(503, "upload refused by the test");
			return;
		}
		chain.doFilter(request, response);
	}

}
