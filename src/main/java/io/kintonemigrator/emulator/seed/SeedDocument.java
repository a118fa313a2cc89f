package io.kintonemigrator.emulator.seed;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a seed file, as Jackson maps it (unknown keys are rejected). See
 * {@code docs/emulator.md}.
 */
final class SeedDocument {

	private SeedDocument() {
	}

	/** {@code language}: the domain's, {@code japanese} (default) or {@code english}. */
	record Root(@Nullable String language, @Nullable List<User> users, @Nullable List<App> apps) {
	}

	record User(String login, @Nullable String name, String password) {
	}

	/** {@code systemFieldCodes}: {@code japanese} (default) or {@code english}. */
	record App(Long id, String name, @Nullable Long guestSpace, @Nullable String systemFieldCodes,
			@Nullable List<Field> fields, @Nullable List<Token> apiTokens,
			@Nullable List<Map<String, JsonNode>> records, @Nullable Generate generate) {
	}

	record Field(String code, String type, @Nullable String label, @Nullable Boolean required, @Nullable Boolean unique,
			@Nullable List<String> options, @Nullable List<Field> fields) {
	}

	record Token(String token, @Nullable List<String> permissions) {
	}

	/**
	 * One attachment: {@code path} (relative to the seed file) or {@code size} +
	 * {@code seed} (generated).
	 */
	record File(String name, @Nullable String contentType, @Nullable String path, @Nullable Long size,
			@Nullable Long seed) {
	}

	record Generate(Integer records, @Nullable Integer firstKey, @Nullable List<Integer> skipKeys,
			@Nullable Integer filesPerRecord, @Nullable List<String> fileFields, @Nullable Rows rows,
			@Nullable Long minSize, @Nullable Long maxSize, @Nullable List<Long> sizes, @Nullable Long seed,
			@Nullable Boolean japaneseNames, @Nullable String keyField, @Nullable String keyFormat) {
	}

	record Rows(String subtable, Integer perRecord, @Nullable String keyField, @Nullable List<String> fileFields) {
	}

}
