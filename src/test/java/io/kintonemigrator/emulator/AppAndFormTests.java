package io.kintonemigrator.emulator;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** kintone-api.md §5: {@code app.json} and {@code app/form/fields.json}. */
class AppAndFormTests {

	static KintoneEmulator emulator;

	static EmulatorHttp http;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).start();
		http = new EmulatorHttp(emulator.baseUrl()).withToken(TestSeeds.VIEW_ONLY);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void appJsonDescribesTheApp() {
		JsonNode app = http.get("/k/v1/app.json?id=1").json();

		assertThat(app.get("appId").asString()).isEqualTo("1");
		assertThat(app.get("name").asString()).isEqualTo("Contracts");
		assertThat(app.get("spaceId").isNull()).isTrue();
		assertThat(app.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
		assertThat(app.at("/creator/code").isString()).isTrue();
	}

	@Test
	void unknownAppIsNotFound() {
		Reply reply = new EmulatorHttp(emulator.baseUrl()).withPassword("alice", "secret")
			.get("/k/v1/app.json?id=99", "Accept-Language", "en");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.code()).isEqualTo("GAIA_AP01");
		assertThat(reply.json().get("message").asString())
			.isEqualTo("The app (ID: 99) not found. The app may have been deleted.");
		assertThat(new EmulatorHttp(emulator.baseUrl()).withPassword("alice", "secret")
			.get("/k/v1/app/form/fields.json?app=99")
			.code()).isEqualTo("GAIA_AP01");
	}

	@Test
	void formFieldsListUserAndSystemFieldsWithRevision() {
		JsonNode form = http.get("/k/v1/app/form/fields.json?app=1").json();
		JsonNode properties = form.get("properties");

		assertThat(form.get("revision").isString()).isTrue();
		assertThat(properties.propertyNames()).contains("legacy_id", "title", "amount", "attachments", "items",
				"レコード番号", "作成日時", "更新日時", "作成者", "更新者");
		assertThat(properties.at("/legacy_id/type").asString()).isEqualTo("SINGLE_LINE_TEXT");
		assertThat(properties.at("/legacy_id/unique").asBoolean()).isTrue();
		assertThat(properties.at("/title/unique").asBoolean()).isFalse();
		assertThat(properties.at("/amount/unique").isBoolean()).isTrue();
		assertThat(properties.at("/attachments/type").asString()).isEqualTo("FILE");
		assertThat(properties.at("/attachments/thumbnailSize").asString()).isEqualTo("150");
		assertThat(properties.at("/レコード番号/type").asString()).isEqualTo("RECORD_NUMBER");
		assertThat(properties.at("/作成日時/type").asString()).isEqualTo("CREATED_TIME");
		assertThat(properties.at("/更新者/type").asString()).isEqualTo("MODIFIER");
	}

	@Test
	void subtablePropertyNestsItsFields() {
		JsonNode items = http.get("/k/v1/app/form/fields.json?app=1").json().at("/properties/items");

		assertThat(items.get("type").asString()).isEqualTo("SUBTABLE");
		assertThat(items.get("fields").propertyNames()).containsExactly("item_no", "qty", "drawing");
		assertThat(items.at("/fields/drawing/type").asString()).isEqualTo("FILE");
		assertThat(items.at("/fields/drawing/code").asString()).isEqualTo("drawing");
	}

	/**
	 * Beyond kintone-api.md: the official kintone CLI's export reads the layout to order
	 * its CSV columns.
	 */
	@Test
	void formLayoutListsRowsInFormOrderAndTablesWithTheirColumns() {
		JsonNode layout = http.get("/k/v1/app/form/layout.json?app=1").json();

		assertThat(layout.path("revision").asString()).isEqualTo("1");
		JsonNode rows = layout.path("layout");
		assertThat(rows.path(0).path("type").asString()).isEqualTo("ROW");
		assertThat(rows.path(0).path("fields").path(0).path("code").asString()).isEqualTo("legacy_id");
		assertThat(rows.path(0).path("fields").path(0).path("type").asString()).isEqualTo("SINGLE_LINE_TEXT");
		JsonNode table = rows.path(rows.size() - 1);
		assertThat(table.path("type").asString()).isEqualTo("SUBTABLE");
		assertThat(table.path("code").asString()).isEqualTo("items");
		assertThat(table.path("fields").findValuesAsString("code")).containsExactly("item_no", "qty", "drawing");
		assertThat(new EmulatorHttp(emulator.baseUrl()).withPassword("alice", "secret")
			.get("/k/v1/app/form/layout.json?app=99")
			.code()).isEqualTo("GAIA_AP01");
	}

}
