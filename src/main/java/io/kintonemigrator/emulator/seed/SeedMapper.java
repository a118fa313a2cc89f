package io.kintonemigrator.emulator.seed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.model.TokenPermission;

import tools.jackson.databind.JsonNode;

import static io.kintonemigrator.emulator.seed.SeedFile.orEmpty;

/**
 * Turns a parsed {@link SeedDocument} into an {@link EmulatorSeed}, checking what Jackson
 * cannot: users, apps, API tokens and the domain's language here, fields in
 * {@link FieldMapper}, record values in {@link RecordValues}, {@code generate:} blocks in
 * {@link DataSetMapper}. The first problem is thrown as a one-line
 * {@link SeedFileException}.
 */
final class SeedMapper {

	private final Path baseDirectory;

	private final SeedProblems problems;

	private final FieldMapper fieldMapper;

	private final DataSetMapper dataSetMapper;

	SeedMapper(Path baseDirectory, String origin) {
		this.baseDirectory = baseDirectory;
		this.problems = new SeedProblems(origin);
		this.fieldMapper = new FieldMapper(this.problems);
		this.dataSetMapper = new DataSetMapper(this.problems);
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
			problems.require(user.login(), at + ".login");
			problems.require(user.password(), at + ".password");
			seed.user(user.login(), (user.name() != null) ? user.name() : user.login(), user.password());
		}
		List<SeedDocument.App> apps = orEmpty(root.apps());
		for (int i = 0; i < apps.size(); i++) {
			seed.app(app(apps.get(i), "apps[" + i + "]"));
		}
		return seed.build();
	}

	private AppSeed app(SeedDocument.App doc, String at) {
		problems.require(doc.id(), at + ".id");
		problems.require(doc.name(), at + ".name");
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
			app.field(fieldMapper.field(field, at + ".fields[" + i + "]"));
			fields.put(field.code(), field);
		}
		List<SeedDocument.Token> tokens = orEmpty(doc.apiTokens());
		for (int i = 0; i < tokens.size(); i++) {
			token(app, tokens.get(i), at + ".apiTokens[" + i + "]");
		}
		RecordValues values = new RecordValues(fields, this.baseDirectory, this.problems);
		List<Map<String, JsonNode>> records = orEmpty(doc.records());
		for (int i = 0; i < records.size(); i++) {
			Map<String, JsonNode> record = records.get(i);
			String recordAt = at + ".records[" + i + "]";
			app.record((seed) -> values.fill(seed, record, recordAt));
		}
		if (doc.generate() != null) {
			DataSetGenerator.fill(app, dataSetMapper.dataSet(doc.generate(), at + ".generate"));
		}
		try {
			return app.build();
		}
		catch (IllegalArgumentException ex) {
			throw problems.problem(at + ": " + ex.getMessage());
		}
	}

	/**
	 * The domain's language: that of error messages to requests without
	 * {@code Accept-Language}.
	 */
	private Language language(String name, String at) {
		return switch (SeedFile.lower(name)) {
			case "japanese" -> Language.JA;
			case "english" -> Language.EN;
			default -> throw problems.problem("'" + at + "' is '" + name + "'; use japanese or english");
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
			default -> throw problems.problem("'" + at + "' is '" + language
					+ "'; use japanese (レコード番号, 作成者 …) or english" + " (Record_number, Created_by …)");
		};
	}

	private void token(AppSeed.Builder app, SeedDocument.Token doc, String at) {
		problems.require(doc.token(), at + ".token");
		List<String> names = (doc.permissions() != null) ? doc.permissions()
				: Arrays.stream(TokenPermission.values()).map(Enum::name).toList();
		TokenPermission[] permissions = new TokenPermission[names.size()];
		for (int i = 0; i < permissions.length; i++) {
			try {
				permissions[i] = TokenPermission.valueOf(names.get(i).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw problems.problem(
						"'" + at + ".permissions[" + i + "]' is '" + names.get(i) + "'; use view, add, edit or delete");
			}
		}
		app.apiToken(doc.token(), permissions);
	}

}
