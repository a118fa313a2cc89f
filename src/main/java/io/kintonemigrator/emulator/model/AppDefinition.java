package io.kintonemigrator.emulator.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An app: its id, name, form, API tokens and, when it lives in a guest space, that
 * space's id. Immutable. {@link #toString()} never shows the tokens.
 *
 * @param guestSpaceId the guest space the app belongs to, or null for a normal app
 * (reached via {@code /k/v1/})
 * @param systemFields the codes of the app's system fields (Japanese unless seeded
 * otherwise)
 */
public record AppDefinition(long id, String name, @Nullable Long guestSpaceId, Map<String, FieldDefinition> fields,
		Map<String, Set<TokenPermission>> apiTokens, Instant createdAt, SystemFields.Codes systemFields) {

	/** An app with the system field codes of a Japanese-language domain. */
	public AppDefinition(long id, String name, @Nullable Long guestSpaceId, Map<String, FieldDefinition> fields,
			Map<String, Set<TokenPermission>> apiTokens, Instant createdAt) {
		this(id, name, guestSpaceId, fields, apiTokens, createdAt, SystemFields.Codes.JAPANESE);
	}

	public AppDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(systemFields, "systemFields");
		if (id <= 0) {
			throw new IllegalArgumentException("app id must be positive, got " + id);
		}
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		Map<String, Set<TokenPermission>> tokens = new LinkedHashMap<>();
		apiTokens.forEach((token, permissions) -> tokens.put(token, Collections.unmodifiableSet(
				permissions.isEmpty() ? EnumSet.noneOf(TokenPermission.class) : EnumSet.copyOf(permissions))));
		apiTokens = Collections.unmodifiableMap(tokens);
	}

	/** The top-level field with this code, or null. */
	public @Nullable FieldDefinition field(String code) {
		return fields.get(code);
	}

	/** The inner field {@code code} of SUBTABLE {@code table}, or null. */
	public @Nullable FieldDefinition subtableField(String table, String code) {
		FieldDefinition subtable = fields.get(table);
		return (subtable != null) ? subtable.fields().get(code) : null;
	}

	@Override
	public String toString() {
		return "AppDefinition[id=" + id + ", name=" + name + ", guestSpaceId=" + guestSpaceId + ", fields="
				+ fields.keySet() + ", apiTokens=" + apiTokens.size() + " (hidden)]";
	}

}
