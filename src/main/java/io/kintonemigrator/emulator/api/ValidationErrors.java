package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code errors} map of a {@code CB_VA01} response: dotted keys
 * ({@code record.title.value}, {@code records[3].title.value}) to messages. Not
 * thread-safe; one per request.
 */
public final class ValidationErrors {

	private final Map<String, List<LocalizedText>> errors = new LinkedHashMap<>();

	public ValidationErrors add(String key, LocalizedText message) {
		this.errors.computeIfAbsent(key, (k) -> new ArrayList<>()).add(message);
		return this;
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public Map<String, List<LocalizedText>> asMap() {
		return this.errors;
	}

	/** Throws {@code CB_VA01} carrying these errors, if there are any. */
	public void throwIfAny() {
		if (!isEmpty()) {
			throw new ApiException(KintoneErrors.INVALID_INPUT, this);
		}
	}

	/** A {@code CB_VA01} with one entry. */
	public static ApiException single(String key, LocalizedText message) {
		return new ApiException(KintoneErrors.INVALID_INPUT, new ValidationErrors().add(key, message));
	}

}
