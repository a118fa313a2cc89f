package io.kintonemigrator.emulator.model;

/** What an app's API token may do, as set on kintone's API token settings page. */
public enum TokenPermission {

	/** Read records, form fields, app settings and files. */
	VIEW,
	/**
	 * Add records; also read the app's settings and form (as view does), which importing
	 * needs.
	 */
	ADD,
	/** Edit records. */
	EDIT,
	/** Delete records. */
	DELETE

}
