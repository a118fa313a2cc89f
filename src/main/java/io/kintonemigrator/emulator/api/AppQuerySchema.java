package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.query.QuerySchema;

import org.jspecify.annotations.Nullable;

/**
 * An app's form as the query language sees it: system fields, top-level fields, subtable
 * inner fields.
 */
final class AppQuerySchema implements QuerySchema {

	private final AppDefinition app;

	AppQuerySchema(AppDefinition app) {
		this.app = app;
	}

	@Override
	public @Nullable Field field(String code) {
		FieldType system = this.app.systemFields().typeOf(code);
		if (system != null) {
			return new Field(code, system, false);
		}
		FieldDefinition top = this.app.field(code);
		if (top != null) {
			return new Field(code, top.type(), false);
		}
		for (FieldDefinition table : this.app.fields().values()) {
			FieldDefinition inner = table.fields().get(code);
			if (inner != null) {
				return new Field(code, inner.type(), true);
			}
		}
		return null;
	}

}
