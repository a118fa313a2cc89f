package io.kintonemigrator.emulator.http;

import java.util.Collections;
import java.util.List;

import io.kintonemigrator.emulator.api.RequestHeaders;

import jakarta.servlet.http.HttpServletRequest;

/** {@link RequestHeaders} over a servlet request. */
final class ServletRequestHeaders implements RequestHeaders {

	private final HttpServletRequest request;

	ServletRequestHeaders(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public List<String> all(String name) {
		return Collections.list(this.request.getHeaders(name));
	}

}
