package io.kintonemigrator.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.model.TokenPermission;

import org.jspecify.annotations.Nullable;

/**
 * One seeded app: form, API tokens, optional guest space, records. Build with
 * {@link #builder(long, String)}. Immutable once built.
 */
public final class AppSeed {

	private final long id;

	private final String name;

	private final @Nullable Long guestSpaceId;

	private final List<FieldSpec> fields;

	private final Map<String, Set<TokenPermission>> apiTokens;

	private final List<RecordSeed> records;

	private final SystemFields.Codes systemFields;

	private AppSeed(Builder builder) {
		this.id = builder.id;
		this.name = builder.name;
		this.guestSpaceId = builder.guestSpaceId;
		this.fields = List.copyOf(builder.fields);
		this.apiTokens = new LinkedHashMap<>(builder.apiTokens);
		this.records = List.copyOf(builder.records);
		this.systemFields = builder.systemFields;
	}

	public static Builder builder(long id, String name) {
		return new Builder(id, name);
	}

	public long id() {
		return this.id;
	}

	List<RecordSeed> records() {
		return this.records;
	}

	/**
	 * The app definition; throws {@link IllegalArgumentException} naming what is
	 * inconsistent.
	 */
	AppDefinition toDefinition(Instant createdAt) {
		Map<String, FieldDefinition> definitions = new LinkedHashMap<>();
		Set<String> codes = new HashSet<>();
		for (FieldSpec field : this.fields) {
			FieldDefinition definition = field.toDefinition();
			List<String> all = new ArrayList<>(definition.fields().keySet());
			all.add(definition.code());
			for (String code : all) {
				if (!codes.add(code)) {
					throw new IllegalArgumentException("app " + this.id + ": field code '" + code
							+ "' is used twice; field codes are unique per app");
				}
			}
			definitions.put(definition.code(), definition);
		}
		return new AppDefinition(this.id, this.name, this.guestSpaceId, definitions, this.apiTokens, createdAt,
				this.systemFields);
	}

	/** Collects an app's parts; not thread-safe. */
	public static final class Builder {

		private final long id;

		private final String name;

		private @Nullable Long guestSpaceId;

		private final List<FieldSpec> fields = new ArrayList<>();

		private final Map<String, Set<TokenPermission>> apiTokens = new LinkedHashMap<>();

		private final List<RecordSeed> records = new ArrayList<>();

		private SystemFields.Codes systemFields = SystemFields.Codes.JAPANESE;

		private Builder(long id, String name) {
			this.id = id;
			this.name = name;
		}

		public Builder field(FieldSpec field) {
			this.fields.add(field);
			return this;
		}

		/**
		 * An API token of this app with the given permissions (tokens are unique per
		 * domain).
		 */
		public Builder apiToken(String token, TokenPermission... permissions) {
			Set<TokenPermission> set = EnumSet.noneOf(TokenPermission.class);
			set.addAll(List.of(permissions));
			this.apiTokens.put(token, set);
			return this;
		}

		/**
		 * The codes of the app's system fields, e.g. {@link SystemFields.Codes#ENGLISH}
		 * for an app created on an English-language domain (default: Japanese, 更新日時 and
		 * so on).
		 */
		public Builder systemFields(SystemFields.Codes codes) {
			this.systemFields = codes;
			return this;
		}

		/**
		 * Puts the app in a guest space: reachable only via
		 * {@code /k/guest/{spaceId}/v1/}.
		 */
		public Builder guestSpace(long spaceId) {
			this.guestSpaceId = spaceId;
			return this;
		}

		/** Adds one record; records get ids 1, 2, 3 … in the order added. */
		public Builder record(Consumer<RecordSeed> values) {
			RecordSeed record = new RecordSeed();
			values.accept(record);
			this.records.add(record);
			return this;
		}

		public AppSeed build() {
			return new AppSeed(this);
		}

	}

}
