package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Basic authentication in front of the domain, as a kintone domain can have it: a request
 * without {@code Authorization: Basic} of the one user and password is answered
 * {@code 401} with {@code WWW-Authenticate: Basic} and an HTML page, before kintone's own
 * authentication sees it. The password is compared in constant time and never logged.
 */
public final class BasicAuthGate extends HttpFilter {

	private final byte[] expected;

	public BasicAuthGate(String username, String password) {
		if (username.contains(":")) {
			throw new IllegalArgumentException("a Basic authentication user cannot contain ':'");
		}
		this.expected = ("Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String given = request.getHeader("Authorization");
		if (given != null && MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.US_ASCII))) {
			chain.doFilter(request, response);
			return;
		}
		RequestAccounting.beforeAnswer(request, HttpServletResponse.SC_UNAUTHORIZED);
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", "Basic realm=\"kintone\", charset=\"UTF-8\"");
		response.setContentType("text/html; charset=UTF-8");
		response.getWriter().write("<html><body><h1>401 Authorization Required</h1></body></html>");
	}

	@Override
	public String toString() {
		return "BasicAuthGate[****]";
	}

}
