package io.kintonemigrator.emulator.http;

import java.util.Map;

import java.io.IOException;
import java.util.List;

import io.kintonemigrator.emulator.api.Json;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.observe.StatsRecorder;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's own endpoints under {@code /__emulator/}, outside kintone's {@code /k/}:
 * no authentication, not counted, never faulted (they live in a context without the
 * kintone filter chain).
 * <ul>
 * <li>{@code GET /__emulator/stats}: the counters of {@link EmulatorStats} as JSON.</li>
 * <li>{@code GET /__emulator/requests[?limit=N]}: the latest N (default 100) request log
 * entries, oldest first, credentials masked.</li>
 * </ul>
 * Thread-safe.
 */
final class EmulatorOpsServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final int DEFAULT_LIMIT = 100;

	private final transient StatsRecorder stats;

	private final transient RequestLog log;

	EmulatorOpsServlet(StatsRecorder stats, RequestLog log) {
		this.stats = stats;
		this.log = log;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo();
		ObjectNode body;
		if ("/stats".equals(path)) {
			body = statsJson(this.stats.snapshot());
		}
		else if ("/requests".equals(path)) {
			Integer limit = limit(request.getParameter("limit"));
			if (limit == null) {
				response.sendError(HttpServletResponse.SC_BAD_REQUEST, "limit must be a positive integer");
				return;
			}
			body = requestsJson(this.log.entries(), limit);
		}
		else {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
		response.setContentType(JsonResponses.CONTENT_TYPE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static Integer limit(String parameter) {
		if (parameter == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(parameter);
			return (limit > 0) ? limit : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static ObjectNode statsJson(EmulatorStats stats) {
		ObjectNode body = Json.object()
			.put("totalRequests", stats.totalRequests())
			.put("inFlight", stats.inFlight())
			.put("peakInFlight", stats.peakInFlight());
		ObjectNode apps = body.putObject("apps");
		stats.countsByApp().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((app) -> {
			ObjectNode counts = apps.putObject(Long.toString(app.getKey()));
			app.getValue()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach((count) -> counts.put(count.getKey(), count.getValue()));
		});
		ObjectNode apis = body.putObject("apis");
		stats.countsByApi()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((count) -> apis.put(count.getKey(), count.getValue()));
		ObjectNode daily = body.putObject("dailyByApp");
		stats.dailyCountsByApp().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((app) -> {
			ObjectNode days = daily.putObject(Long.toString(app.getKey()));
			app.getValue()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach((day) -> days.put(day.getKey().toString(), day.getValue()));
		});
		ObjectNode faults = body.putObject("injectedFaults");
		stats.injectedFaults()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((count) -> faults.put(count.getKey(), count.getValue()));
		return body;
	}

	static ObjectNode requestsJson(List<RequestLogEntry> entries, int limit) {
		ObjectNode body = Json.object();
		ArrayNode requests = body.putArray("requests");
		for (RequestLogEntry entry : entries.subList(Math.max(0, entries.size() - limit), entries.size())) {
			ObjectNode item = requests.addObject()
				.put("time", entry.time().toString())
				.put("method", entry.method())
				.put("effectiveMethod", entry.effectiveMethod())
				.put("path", entry.path())
				.put("api", entry.api())
				.put("app", entry.app())
				.put("status", entry.status())
				.put("kintoneCode", entry.kintoneCode())
				.put("injectedFault", entry.injectedFault());
			ObjectNode headers = item.putObject("headers");
			entry.maskedHeaders().forEach((name, values) -> {
				ArrayNode list = headers.putArray(name);
				values.forEach(list::add);
			});
		}
		return body;
	}

}
