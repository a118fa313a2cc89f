package io.kintonemigrator.emulator.model;

/**
 * The codes of the system fields every app has. These are the defaults of a Japanese-language kintone
 * domain; {@code $id} and {@code $revision} are fixed names in every language.
 */
public final class SystemFields {

	public static final String ID = "$id";

	public static final String REVISION = "$revision";

	public static final String RECORD_NUMBER = "レコード番号";

	public static final String CREATOR = "作成者";

	public static final String CREATED_TIME = "作成日時";

	public static final String MODIFIER = "更新者";

	public static final String UPDATED_TIME = "更新日時";

	private SystemFields() {
	}

	/** The type of a system field code, or null if the code is not one. */
	public static @org.jspecify.annotations.Nullable FieldType typeOf(String code) {
		return switch (code) {
			case ID -> FieldType.__ID__;
			case REVISION -> FieldType.__REVISION__;
			case RECORD_NUMBER -> FieldType.RECORD_NUMBER;
			case CREATOR -> FieldType.CREATOR;
			case CREATED_TIME -> FieldType.CREATED_TIME;
			case MODIFIER -> FieldType.MODIFIER;
			case UPDATED_TIME -> FieldType.UPDATED_TIME;
			default -> null;
		};
	}

}
