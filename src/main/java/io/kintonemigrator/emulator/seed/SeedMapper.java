package io.kintonemigrator.emulator.seed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.model.TokenPermission;

import org.jspecify.annotations.Nullable;

import static io.kintonemigrator.emulator.seed.SeedFile.orEmpty;

/**
 * Turns a parsed {@link SeedDocument} into an {@link EmulatorSeed}, checking what Jackson
 * cannot.
 */
final class SeedMapper {

	private static final Set<FieldType> OPTION_TYPES = Set.of(FieldType.DROP_DOWN, FieldType.RADIO_BUTTON,
			FieldType.CHECK_BOX, FieldType.MULTI_SELECT);

	private final Path baseDirectory;

	private final String origin;

	SeedMapper(Path baseDirectory, String origin) {
		this.baseDirectory = baseDirectory;
		this.origin = origin;
	}

	EmulatorSeed toSeed(SeedDocument.Root root) {
		EmulatorSeed.Builder seed = EmulatorSeed.builder();
		if (root.language() != null) {
			seed.language(language(root.language(), "language"));
		}
		List<SeedDocument.User> users = orEmpty(root.users());
		for (int i = 0; i < users.size(); i++) {
			SeedDocument.User user = users.get(i);
			String at = "users[" + i + "]";
			require(user.login(), at + ".login");
			require(user.password(), at + ".password");
			seed.user(user.login(), (user.name() != null) ? user.name() : user.login(), user.password());
		}
		List<SeedDocument.App> apps = orEmpty(root.apps());
		for (int i = 0; i < apps.size(); i++) {
			seed.app(app(apps.get(i), "apps[" + i + "]"));
		}
		return seed.build();
	}

	private AppSeed app(SeedDocument.App doc, String at) {
		require(doc.id(), at + ".id");
		require(doc.name(), at + ".name");
		AppSeed.Builder app = AppSeed.builder(doc.id(), doc.name());
		if (doc.guestSpace() != null) {
			app.guestSpace(doc.guestSpace());
		}
		if (doc.systemFieldCodes() != null) {
			app.systemFields(systemFieldCodes(doc.systemFieldCodes(), at + ".systemFieldCodes"));
		}
		Map<String, SeedDocument.Field> fields = new LinkedHashMap<>();
		List<SeedDocument.Field> fieldDocs = orEmpty(doc.fields());
		for (int i = 0; i < fieldDocs.size(); i++) {
			SeedDocument.Field field = fieldDocs.get(i);
			app.field(field(field, at + ".fields[" + i + "]"));
			fields.put(field.code(), field);
		}
		List<SeedDocument.Token> tokens = orEmpty(doc.apiTokens());
		for (int i = 0; i < tokens.size(); i++) {
			token(app, tokens.get(i), at + ".apiTokens[" + i + "]");
		}
		RecordValues values = new RecordValues(fields, this.baseDirectory, this.origin);
		List<Map<String, tools.jackson.databind.JsonNode>> records = orEmpty(doc.records());
		for (int i = 0; i < records.size(); i++) {
			Map<String, tools.jackson.databind.JsonNode> record = records.get(i);
			String recordAt = at + ".records[" + i + "]";
			app.record((seed) -> values.fill(seed, record, recordAt));
		}
		if (doc.generate() != null) {
			DataSetGenerator.fill(app, generate(doc.generate(), at + ".generate"));
		}
		try {
			return app.build();
		}
		catch (IllegalArgumentException ex) {
			throw problem(at + ": " + ex.getMessage());
		}
	}

	private FieldSpec field(SeedDocument.Field doc, String at) {
		require(doc.code(), at + ".code");
		require(doc.type(), at + ".type");
		FieldType type = fieldType(doc.type(), at + ".type");
		List<String> options = orEmpty(doc.options());
		if (!options.isEmpty() && !OPTION_TYPES.contains(type)) {
			throw problem("'" + at + ".options' only fits DROP_DOWN, RADIO_BUTTON, CHECK_BOX and MULTI_SELECT");
		}
		List<SeedDocument.Field> inner = orEmpty(doc.fields());
		if (!inner.isEmpty() && type != FieldType.SUBTABLE) {
			throw problem("'" + at + ".fields' only fits a SUBTABLE");
		}
		String[] choices = options.toArray(String[]::new);
		FieldSpec spec = switch (type) {
			case DROP_DOWN -> FieldSpec.dropDown(doc.code(), choices);
			case RADIO_BUTTON -> FieldSpec.radioButton(doc.code(), choices);
			case CHECK_BOX -> FieldSpec.checkBox(doc.code(), choices);
			case MULTI_SELECT -> FieldSpec.multiSelect(doc.code(), choices);
			case SUBTABLE -> {
				FieldSpec[] specs = new FieldSpec[inner.size()];
				for (int i = 0; i < specs.length; i++) {
					specs[i] = field(inner.get(i), at + ".fields[" + i + "]");
				}
				yield FieldSpec.subtable(doc.code(), specs);
			}
			default -> FieldSpec.of(doc.code(), type);
		};
		if (doc.label() != null) {
			spec = spec.label(doc.label());
		}
		if (Boolean.TRUE.equals(doc.required())) {
			spec = spec.required();
		}
		if (Boolean.TRUE.equals(doc.unique())) {
			spec = spec.unique();
		}
		try {
			spec.toDefinition();
		}
		catch (IllegalArgumentException ex) {
			throw problem("'" + at + "': " + ex.getMessage());
		}
		return spec;
	}

	private FieldType fieldType(String name, String at) {
		try {
			FieldType type = FieldType.valueOf(name);
			if (type.isWritable()) {
				return type;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		String allowed = Arrays.stream(FieldType.values())
			.filter(FieldType::isWritable)
			.map(Enum::name)
			.collect(Collectors.joining(", "));
		throw problem("'" + at + "' is '" + name + "'; use one of " + allowed);
	}

	/**
	 * The domain's language: that of error messages to requests without
	 * {@code Accept-Language}.
	 */
	private Language language(String name, String at) {
		return switch (SeedFile.lower(name)) {
			case "japanese" -> Language.JA;
			case "english" -> Language.EN;
			default -> throw problem("'" + at + "' is '" + name + "'; use japanese or english");
		};
	}

	/**
	 * The codes kintone gives the system fields of an app created in a domain of that
	 * language.
	 */
	private SystemFields.Codes systemFieldCodes(String language, String at) {
		return switch (SeedFile.lower(language)) {
			case "japanese" -> SystemFields.Codes.JAPANESE;
			case "english" -> SystemFields.Codes.ENGLISH;
			default -> throw problem("'" + at + "' is '" + language + "'; use japanese (レコード番号, 作成者 …) or english"
					+ " (Record_number, Created_by …)");
		};
	}

	private void token(AppSeed.Builder app, SeedDocument.Token doc, String at) {
		require(doc.token(), at + ".token");
		List<String> names = (doc.permissions() != null) ? doc.permissions()
				: Arrays.stream(TokenPermission.values()).map(Enum::name).toList();
		TokenPermission[] permissions = new TokenPermission[names.size()];
		for (int i = 0; i < permissions.length; i++) {
			try {
				permissions[i] = TokenPermission.valueOf(names.get(i).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw problem(
						"'" + at + ".permissions[" + i + "]' is '" + names.get(i) + "'; use view, add, edit or delete");
			}
		}
		app.apiToken(doc.token(), permissions);
	}

	private DataSetSpec generate(SeedDocument.Generate doc, String at) {
		require(doc.records(), at + ".records");
		DataSetSpec.Builder spec = DataSetSpec.builder().records(doc.records());
		if (doc.firstKey() != null) {
			spec.firstKey(doc.firstKey());
		}
		spec.skipKeys(Set.copyOf(orEmpty(doc.skipKeys())));
		if (doc.filesPerRecord() != null) {
			spec.filesPerRecord(doc.filesPerRecord());
		}
		spec.fileFields(orEmpty(doc.fileFields()).toArray(String[]::new));
		if (doc.rows() != null) {
			SeedDocument.Rows rows = doc.rows();
			require(rows.subtable(), at + ".rows.subtable");
			require(rows.perRecord(), at + ".rows.perRecord");
			spec.rows(rows.subtable(), rows.perRecord(), rows.keyField(),
					orEmpty(rows.fileFields()).toArray(String[]::new));
		}
		long min = (doc.minSize() != null) ? doc.minSize() : 1024;
		spec.sizeRange(min, (doc.maxSize() != null) ? doc.maxSize() : min);
		if (doc.sizes() != null) {
			spec.sizes(doc.sizes());
		}
		if (doc.seed() != null) {
			spec.seed(doc.seed());
		}
		if (doc.japaneseNames() != null) {
			spec.japaneseNames(doc.japaneseNames());
		}
		if (doc.keyField() != null) {
			spec.key(doc.keyField(), (doc.keyFormat() != null) ? doc.keyFormat() : "%d");
		}
		try {
			return spec.build();
		}
		catch (IllegalArgumentException ex) {
			throw problem("'" + at + "': " + ex.getMessage());
		}
	}

	private void require(@Nullable Object value, String at) {
		if (value == null) {
			throw problem("'" + at + "' is missing");
		}
	}

	private SeedFileException problem(String message) {
		return new SeedFileException(this.origin + ": " + message);
	}

}
