package io.kintonemigrator.emulator.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST bulkRequest.json} (kintone-api.md §4): up to 20 record writes run in order
 * in one transaction. All succeed ({@code {"results":[…]}}) or the first failure rolls
 * everything back ({@link BulkRequestFailure}). Sub-requests use the caller's credentials
 * and must stay in the caller's guest space.
 */
final class BulkRequestApi implements JsonApi {

	static final int MAX_REQUESTS = 20;

	private static final Set<String> ALLOWED = Set.of("POST record", "PUT record", "POST records", "PUT records",
			"DELETE records");

	private static final LocalizedText TOO_MANY = new LocalizedText("一度に20件までのリクエストを実行できます。",
			"A maximum of 20 requests can be sent at one time.");

	private static final LocalizedText NOT_ALLOWED = new LocalizedText("一括リクエストでは実行できないAPIです。",
			"This API cannot be used in a bulk request.");

	private final ApiRegistry registry;

	BulkRequestApi(ApiRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ObjectNode handle(ApiCall call) {
		JsonNode requests = call.params().node("requests");
		if (requests == null || !requests.isArray() || requests.isEmpty()) {
			throw ValidationErrors.single("requests", LocalizedText.REQUIRED);
		}
		if (requests.size() > MAX_REQUESTS) {
			throw ValidationErrors.single("requests", TOO_MANY);
		}
		ObjectNode json = Json.object();
		ArrayNode results = json.putArray("results");
		int index = 0;
		for (JsonNode request : requests.values()) {
			try {
				results.add(run(call, request, index));
			}
			catch (ApiException ex) {
				throw new BulkRequestFailure(index, requests.size(), ex);
			}
			index++;
		}
		return json;
	}

	private ObjectNode run(ApiCall call, JsonNode request, int index) {
		String prefix = "requests[" + index + "].";
		String method = request.path("method").asString("").toUpperCase(Locale.ROOT);
		ApiPath path = ApiPath.parse(request.path("api").asString(""));
		JsonNode payload = request.get("payload");
		if (path == null || !ALLOWED.contains(method + " " + path.api())) {
			throw ValidationErrors.single(prefix + "api", NOT_ALLOWED);
		}
		if (!Objects.equals(path.guestSpaceId(), call.guestSpaceId())) {
			throw new ApiException(KintoneErrors.NO_PRIVILEGE);
		}
		if (payload == null || !payload.isObject()) {
			throw ValidationErrors.single(prefix + "payload", LocalizedText.REQUIRED);
		}
		JsonApi handler = Objects.requireNonNull(this.registry.find(method, path.api()));
		return handler.handle(call.subCall(method, path.api(), new Params((ObjectNode) payload)));
	}

}
