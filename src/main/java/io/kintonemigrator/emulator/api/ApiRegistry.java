package io.kintonemigrator.emulator.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which handler answers which JSON API, by effective method and API path (case-sensitive,
 * as kintone: {@code records}, {@code app/form/fields}, {@code bulkRequest}).
 * {@code file} is served by the HTTP layer because it streams. Immutable after
 * construction; thread-safe.
 */
public final class ApiRegistry {

	private final Map<String, JsonApi> handlers = new HashMap<>();

	private final Set<String> apis = new HashSet<>();

	public ApiRegistry() {
		register("GET", "app", new AppApi());
		register("GET", "app/form/fields", new FormFieldsApi());
		register("GET", "app/form/layout", new FormLayoutApi());
		register("GET", "record", new RecordGetApi());
		register("POST", "record", new RecordAddApi(false));
		register("PUT", "record", new RecordUpdateApi(false));
		register("GET", "records", new RecordsGetApi());
		register("POST", "records", new RecordAddApi(true));
		register("PUT", "records", new RecordUpdateApi(true));
		register("DELETE", "records", new RecordDeleteApi());
		register("POST", "records/cursor", CursorApi::create);
		register("GET", "records/cursor", CursorApi::read);
		register("DELETE", "records/cursor", CursorApi::delete);
		register("POST", "bulkRequest", new BulkRequestApi(this));
		this.apis.add("file");
	}

	private void register(String method, String api, JsonApi handler) {
		this.handlers.put(method + " " + api, handler);
		this.apis.add(api);
	}

	/** The handler, or null when kintone has no such method on that API. */
	public @Nullable JsonApi find(String method, String api) {
		return this.handlers.get(method + " " + api);
	}

	/** Whether the API path exists at all (with any method). */
	public boolean knows(String api) {
		return this.apis.contains(api);
	}

}
