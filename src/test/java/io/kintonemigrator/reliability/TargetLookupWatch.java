package io.kintonemigrator.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * An emulator request filter that remembers which target records the migrator looked up
 * last ({@code GET records.json?app=2&query=legacy_id in ("3", "4", ...)}, one request
 * per chunk): the records whose bulk update it is preparing. A user who edits one of them
 * right then makes the update meet a revision conflict, the window issue 12's item 1 is
 * about. Thread-safe.
 */
final class TargetLookupWatch implements Filter {

	private static final Pattern KEY = Pattern.compile("\"(\\d+)\"");

	private volatile List<Long> latest = List.of();

	/**
	 * The {@code legacy_id} values of the last lookup (= the target records' ids in this
	 * suite).
	 */
	List<Long> latest() {
		return latest;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		String query = http.getParameter("query");
		if ("GET".equals(http.getMethod()) && http.getRequestURI().endsWith("/records.json")
				&& Long.toString(WorldApps.TARGET_APP).equals(http.getParameter("app")) && query != null
				&& query.contains("legacy_id in (")) {
			List<Long> ids = new ArrayList<>();
			Matcher matcher = KEY.matcher(query);
			while (matcher.find()) {
				ids.add(Long.parseLong(matcher.group(1)));
			}
			latest = List.copyOf(ids);
		}
		chain.doFilter(request, response);
	}

}
