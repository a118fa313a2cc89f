package io.kintonemigrator.emulator.model;

/** The kintone field types the emulator models, with kintone's own names. */
public enum FieldType {

	SINGLE_LINE_TEXT, NUMBER, MULTI_LINE_TEXT, RICH_TEXT, DATE, TIME, DATETIME, FILE, SUBTABLE, RECORD_NUMBER,
	CREATED_TIME, UPDATED_TIME, CREATOR, MODIFIER, DROP_DOWN, RADIO_BUTTON, CHECK_BOX, MULTI_SELECT, LINK,
	/** {@code $id} */
	__ID__,
	/** {@code $revision} */
	__REVISION__;

	/** Whether a value can be written by add/update (system fields cannot). */
	public boolean isWritable() {
		return switch (this) {
			case RECORD_NUMBER, CREATED_TIME, UPDATED_TIME, CREATOR, MODIFIER, __ID__, __REVISION__ -> false;
			default -> true;
		};
	}

}
