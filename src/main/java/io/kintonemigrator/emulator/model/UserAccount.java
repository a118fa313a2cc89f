package io.kintonemigrator.emulator.model;

import java.util.Objects;

/**
 * A kintone user who can log in with a password. {@link #toString()} never shows the
 * password.
 */
public record UserAccount(String login, String name, String password) {

	public UserAccount {
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(password, "password");
	}

	@Override
	public String toString() {
		return "UserAccount[login=" + login + ", name=" + name + "]";
	}

}
