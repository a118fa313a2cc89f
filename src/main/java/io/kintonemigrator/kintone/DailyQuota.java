package io.kintonemigrator.kintone;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which requests kintone counts against an app's daily request quota (kintone-api.md §7
 * "Daily requests"): every REST API call counts 1, except those kintone's common
 * specification lists as not counted ("対象外のAPIリクエスト"), among them Upload File and
 * Download File ({@code file}), the bulk request ({@code bulkRequest}) and Get Apps
 * ({@code apps}). The one place of this rule on the client side: the daily-budget guard,
 * {@code plan}'s estimate and the reports follow it.
 */
public final class DailyQuota {

	/** Download and upload of files. */
	public static final String FILE = "file";

	/** {@code POST bulkRequest.json}, which carries our record updates. */
	public static final String BULK_REQUEST = "bulkRequest";

	private static final Set<String> NOT_COUNTED = Set.of(FILE, BULK_REQUEST, "apps", "apis");

	private static final Pattern API = Pattern.compile("^/k/(?:guest/\\d+/)?v1/(.+)\\.json$");

	private DailyQuota() {
	}

	/**
	 * Whether a call of {@code api} (the path between {@code v1/} and {@code .json}, e.g.
	 * {@code records}) counts.
	 */
	public static boolean counts(String api) {
		return !NOT_COUNTED.contains(api) && !api.startsWith("space") && !api.startsWith("plugin");
	}

	/**
	 * Whether a request to this URL path ({@code /k/v1/records.json}, guest paths too)
	 * counts; other paths never do.
	 */
	public static boolean countsPath(String path) {
		Matcher matcher = API.matcher(path);
		return matcher.matches() && counts(matcher.group(1));
	}

}
