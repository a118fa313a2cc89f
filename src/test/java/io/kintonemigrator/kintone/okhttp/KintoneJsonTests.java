package io.kintonemigrator.kintone.okhttp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.kintone.FieldProperty;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.RecordUpdate.RecordSelector;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KintoneJsonTests {

	private final KintoneJson json = new KintoneJson();

	private JsonNode parse(String text) {
		return json.mapper().readTree(text.replace('\'', '"'));
	}

	@Test
	void readsFileSizeAndIdsSentAsStringsAndKeepsOtherFieldsAsPlainData() {
		KintoneRecord record = json.record(
				parse("""
						{'$id':{'type':'__ID__','value':'14'},
						 '$revision':{'type':'__REVISION__','value':'3'},
						 'title':{'type':'SINGLE_LINE_TEXT','value':'見積書'},
						 'users':{'type':'USER_SELECT','value':[{'code':'sato','name':'佐藤'}]},
						 'empty':{'type':'NUMBER','value':null},
						 'att':{'type':'FILE','value':[{'contentType':'application/pdf','fileKey':'20120206115558','name':'報告書.pdf','size':'23175'}]}}
						"""));

		assertThat(record.id()).isEqualTo(14);
		assertThat(record.revision()).isEqualTo(3);
		assertThat(record.fields()).doesNotContainKeys("$id", "$revision");
		assertThat(record.files("att"))
			.containsExactly(new FileInfo(new FileKey("20120206115558"), "報告書.pdf", "application/pdf", 23175));
		assertThat(record.fields().get("title")).isEqualTo(new FieldValue.Plain("SINGLE_LINE_TEXT", "見積書"));
		assertThat(record.fields().get("users"))
			.isEqualTo(new FieldValue.Plain("USER_SELECT", List.of(Map.of("code", "sato", "name", "佐藤"))));
		assertThat(record.fields().get("empty")).isEqualTo(new FieldValue.Plain("NUMBER", null));
	}

	@Test
	void readsFilesInsideSubtableRowsWithStringRowIds() {
		KintoneRecord record = json.record(
				parse("""
						{'$id':{'type':'__ID__','value':'1'},'$revision':{'type':'__REVISION__','value':'1'},
						 'items':{'type':'SUBTABLE','value':[
						   {'id':'368','value':{'drawing':{'type':'FILE','value':[{'contentType':'image/png','fileKey':'k1','name':'a.png','size':'0'}]},
						                        'no':{'type':'SINGLE_LINE_TEXT','value':'A-1'}}},
						   {'id':'369','value':{'drawing':{'type':'FILE','value':[]},'no':{'type':'SINGLE_LINE_TEXT','value':'A-2'}}}]}}
						"""));

		List<FieldValue.SubtableRow> rows = record.rows("items");
		assertThat(rows).extracting(FieldValue.SubtableRow::id).containsExactly("368", "369");
		assertThat(rows.get(0).fields().get("drawing"))
			.isEqualTo(new FieldValue.Files(List.of(new FileInfo(new FileKey("k1"), "a.png", "image/png", 0))));
		assertThat(rows.get(1).fields().get("drawing")).isEqualTo(new FieldValue.Files(List.of()));
		assertThat(rows.get(1).fields().get("no")).isEqualTo(new FieldValue.Plain("SINGLE_LINE_TEXT", "A-2"));
	}

	@Test
	void acceptsNumbersWhereKintoneUsuallySendsStrings() {
		KintoneRecord record = json.record(parse("""
				{'$id':{'type':'__ID__','value':7},'$revision':{'type':'__REVISION__','value':2},
				 'att':{'type':'FILE','value':[{'contentType':'text/plain','fileKey':'k','name':'n.txt','size':12}]}}
				"""));

		assertThat(record.id()).isEqualTo(7);
		assertThat(record.files("att").get(0).size()).isEqualTo(12);
	}

	@Test
	void aRecordWithoutIdIsAMalformedResponse() {
		assertThatThrownBy(() -> json.record(parse("{'title':{'type':'SINGLE_LINE_TEXT','value':'x'}}")))
			.isInstanceOf(KintoneJson.MalformedResponseException.class)
			.hasMessageContaining("$id");
	}

	@Test
	void readsFormFieldsWithSubtableNesting() {
		FormFields form = json.formFields(parse("""
				{'properties':{
				   'att':{'type':'FILE','code':'att','label':'添付','required':true,'thumbnailSize':'150'},
				   'key':{'type':'SINGLE_LINE_TEXT','code':'key','label':'Key','unique':true},
				   'items':{'type':'SUBTABLE','code':'items','fields':{
				      'drawing':{'type':'FILE','code':'drawing','label':'図面'}}}},
				 'revision':'5'}
				"""));

		assertThat(form.revision()).isEqualTo(5);
		assertThat(form.properties().get("att"))
			.isEqualTo(new FieldProperty("att", "FILE", "添付", true, false, Map.of()));
		assertThat(form.properties().get("key").unique()).isTrue();
		assertThat(form.properties().get("items").isSubtable()).isTrue();
		assertThat(form.find("drawing")).hasValueSatisfying(p -> assertThat(p.isFile()).isTrue());
	}

	@Test
	void readsAppInfoWithAndWithoutSpace() {
		assertThat(json.appInfo(parse("{'appId':'12','name':'契約','spaceId':null}")).spaceId()).isNull();
		assertThat(json.appInfo(parse("{'appId':'12','name':'契約','spaceId':'3'}")).spaceId()).isEqualTo("3");
		assertThat(json.appInfo(parse("{'appId':'12','name':'契約'}")).appId().value()).isEqualTo(12);
	}

	@Test
	void writesFilesAsFileKeyListsAndSubtableRowsWithTheirIds() {
		Map<String, FieldUpdate> row = new LinkedHashMap<>();
		row.put("drawing", new FieldUpdate.Files(List.of(new FileKey("up-1"))));
		row.put("no", new FieldUpdate.Plain("A-1"));
		Map<String, FieldUpdate> fields = new LinkedHashMap<>();
		fields.put("att", new FieldUpdate.Files(List.of(new FileKey("keep-1"), new FileKey("up-2"))));
		fields.put("items", new FieldUpdate.Subtable(List.of(new FieldUpdate.Row("368", row),
				new FieldUpdate.Row(null, Map.of("no", new FieldUpdate.Plain("A-9"))))));
		fields.put("cleared", new FieldUpdate.Files(List.of()));

		JsonNode body = json.updateRecords(12,
				List.of(new RecordUpdate(new RecordSelector.ById(14), 3L, fields),
						new RecordUpdate(new RecordSelector.ByUpdateKey("legacy_id", "L-1"), null,
								Map.of("att", new FieldUpdate.Files(List.of(new FileKey("up-3")))))));

		// compared as parsed from the wire, where 14 is 14 whatever its Java number type
		assertThat(json.mapper().readTree(json.mapper().writeValueAsString(body))).isEqualTo(
				parse("""
						{'app':12,'records':[
						  {'id':14,'revision':3,'record':{
						     'att':{'value':[{'fileKey':'keep-1'},{'fileKey':'up-2'}]},
						     'items':{'value':[{'id':'368','value':{'drawing':{'value':[{'fileKey':'up-1'}]},'no':{'value':'A-1'}}},
						                       {'value':{'no':{'value':'A-9'}}}]},
						     'cleared':{'value':[]}}},
						  {'updateKey':{'field':'legacy_id','value':'L-1'},'record':{'att':{'value':[{'fileKey':'up-3'}]}}}]}
						"""));
	}

	@Test
	void readsUpdatedRevisions() {
		assertThat(json.updatedRecords(parse("{'records':[{'id':'1','revision':'2'},{'id':'5','revision':'9'}]}")))
			.extracting(u -> u.id() + "@" + u.revision())
			.containsExactly("1@2", "5@9");
	}

}
