package io.kintonemigrator.testsupport;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How the migrator's record updates look on the wire, for test filters that hold, break
 * or count them: {@code PUT records.json} wrapped in one {@code POST bulkRequest.json}
 * (the client sends nothing else as a bulk request), which kintone does not count against
 * the daily quota.
 */
public final class RecordUpdateRequests {

	/**
	 * The effective method and API of an update in
	 * {@code EmulatorStats.count(method, api)}.
	 */
	public static final String METHOD = "POST";

	public static final String API = "bulkRequest";

	private RecordUpdateRequests() {
	}

	/** Whether the request is one of the migrator's record updates. */
	public static boolean isUpdate(HttpServletRequest request) {
		return METHOD.equals(request.getMethod()) && request.getRequestURI().endsWith("/" + API + ".json");
	}

}
