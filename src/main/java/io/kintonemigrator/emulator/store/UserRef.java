package io.kintonemigrator.emulator.store;

/** A CREATOR/MODIFIER value: a user's code and display name. */
public record UserRef(String code, String name) {

	/** Who records written with an API token are attributed to. */
	public static final UserRef API_TOKEN = new UserRef("Administrator", "Administrator");

}
