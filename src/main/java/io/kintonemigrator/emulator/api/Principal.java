package io.kintonemigrator.emulator.api;

import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.model.UserAccount;
import io.kintonemigrator.emulator.store.UserRef;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling: a user (password authentication, may use every app) or a set of API
 * tokens, each granting some permissions on one app. Never holds the secrets themselves.
 */
public final class Principal {

	private final @Nullable UserAccount user;

	private final Map<Long, Set<TokenPermission>> tokenGrants;

	private Principal(@Nullable UserAccount user, Map<Long, Set<TokenPermission>> tokenGrants) {
		this.user = user;
		this.tokenGrants = Map.copyOf(tokenGrants);
	}

	static Principal user(UserAccount user) {
		return new Principal(user, Map.of());
	}

	static Principal tokens(Map<Long, Set<TokenPermission>> grants) {
		return new Principal(null, grants);
	}

	public boolean isUser() {
		return this.user != null;
	}

	/**
	 * The permissions the API tokens grant on an app, or null when no token of that app
	 * was sent.
	 */
	public @Nullable Set<TokenPermission> tokenGrants(long appId) {
		return this.tokenGrants.get(appId);
	}

	/** The CREATOR/MODIFIER of what this principal writes. */
	public UserRef actor() {
		return (this.user != null) ? new UserRef(this.user.login(), this.user.name()) : UserRef.API_TOKEN;
	}

	@Override
	public String toString() {
		return (this.user != null) ? "Principal[user=" + this.user.login() + "]"
				: "Principal[tokens for apps " + this.tokenGrants.keySet() + "]";
	}

}
