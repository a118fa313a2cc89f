package io.kintonemigrator.emulator.model;

/**
 * The codes of the system fields every app has. These are the defaults of a
 * Japanese-language kintone domain; {@code $id} and {@code $revision} are fixed names in
 * every language.
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

	/**
	 * The codes of one app's record number, creator, created time, modifier and updated
	 * time: kintone names them in the language of the domain when the app is created (an
	 * administrator may rename them later). {@code $id} and {@code $revision} are the
	 * same everywhere.
	 */
	public record Codes(String recordNumber, String creator, String createdTime, String modifier, String updatedTime) {

		/** A Japanese-language domain (the default). */
		public static final Codes JAPANESE = new Codes(RECORD_NUMBER, CREATOR, CREATED_TIME, MODIFIER, UPDATED_TIME);

		/** An English-language domain. */
		public static final Codes ENGLISH = new Codes("Record_number", "Created_by", "Created_datetime", "Updated_by",
				"Updated_datetime");

		/**
		 * The type of a system field code of this app, or null if the code is not one.
		 */
		public @org.jspecify.annotations.Nullable FieldType typeOf(String code) {
			if (code.equals(ID)) {
				return FieldType.__ID__;
			}
			if (code.equals(REVISION)) {
				return FieldType.__REVISION__;
			}
			if (code.equals(recordNumber)) {
				return FieldType.RECORD_NUMBER;
			}
			if (code.equals(creator)) {
				return FieldType.CREATOR;
			}
			if (code.equals(createdTime)) {
				return FieldType.CREATED_TIME;
			}
			if (code.equals(modifier)) {
				return FieldType.MODIFIER;
			}
			return code.equals(updatedTime) ? FieldType.UPDATED_TIME : null;
		}

	}

	/**
	 * The type of a system field code of a Japanese-language app, or null if the code is
	 * not one.
	 */
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
