package io.kintonemigrator.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightCheckTests {

	private static final String JOB = """
			name: preflight
			source: { baseUrl: "http://localhost:1", app: 1, apiToken: s }
			target: { baseUrl: "http://localhost:1", app: 2, apiToken: t }
			match: { source: contract_no, target: legacy_id }
			files:
			  - { from: attachments, to: documents }
			  - { from: items.drawing, to: lines.drawing, rowKey: item_no }
			""";

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	private final InMemoryKintoneClient target = new InMemoryKintoneClient(2);

	@Test
	void aMatchingPairOfFormsHasNoProblem() {
		source.form(form(field("contract_no", "SINGLE_LINE_TEXT", false), field("attachments", "FILE", false),
				table("items", field("item_no", "SINGLE_LINE_TEXT", false), field("drawing", "FILE", false))));
		target.form(form(field("legacy_id", "SINGLE_LINE_TEXT", true), field("documents", "FILE", false),
				table("lines", field("item_no", "SINGLE_LINE_TEXT", false), field("drawing", "FILE", false))));

		assertThat(check(JOB)).isEmpty();
	}

	@Test
	void everyMismatchIsOneLineNamingTheKey() {
		source.form(
				form(field("attachments", "SINGLE_LINE_TEXT", false), table("items", field("drawing", "FILE", false))));
		target.form(form(field("legacy_id", "SINGLE_LINE_TEXT", false), field("drawing", "FILE", false),
				table("lines", field("item_no", "SINGLE_LINE_TEXT", false), field("drawing", "NUMBER", false))));

		assertThat(check(JOB)).containsExactly(
				"match.source: the source app has no top-level field 'contract_no'; use a field code of the source app or $id",
				"match.target: 'legacy_id' is SINGLE_LINE_TEXT without 'prohibit duplicate values'; it must be a SINGLE_LINE_TEXT or NUMBER field with 'prohibit duplicate values' (重複禁止), or $id",
				"files[0].from: 'attachments' is SINGLE_LINE_TEXT in the source app, not FILE",
				"files[0].to: the target app has no top-level field 'documents'",
				"files[1].rowKey: the table 'items' of the source app has no field 'item_no'",
				"files[1].to: 'lines.drawing' is NUMBER in the target app, not FILE");
	}

	@Test
	void anUnreachableAppNamesItsKeys() {
		source.form(form(field("attachments", "FILE", false)));

		List<String> problems = check(JOB.replace("contract_no", "$id").replace("legacy_id", "$id"));

		assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("target: cannot read app 2")
			.endsWith("check target.baseUrl, target.app, target.guestSpaceId (needed for an app in a guest space) "
					+ "and the credentials (target.apiToken needs view permission)"));
	}

	private List<String> check(String yaml) {
		JobConfig config = new JobConfigLoader(name -> null).parse(yaml, "job.yml");
		return new PreflightCheck(config).problems(source, target);
	}

	private static FormFields form(FieldProperty... fields) {
		Map<String, FieldProperty> properties = new LinkedHashMap<>();
		for (FieldProperty field : fields) {
			properties.put(field.code(), field);
		}
		return new FormFields(properties, 1);
	}

	private static FieldProperty field(String code, String type, boolean unique) {
		return new FieldProperty(code, type, code, false, unique, Map.of());
	}

	private static FieldProperty table(String code, FieldProperty... fields) {
		Map<String, FieldProperty> nested = new LinkedHashMap<>();
		for (FieldProperty field : fields) {
			nested.put(field.code(), field);
		}
		return new FieldProperty(code, "SUBTABLE", code, false, false, nested);
	}

}
