package io.kintonemigrator.emulator;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.api.Language;
import io.kintonemigrator.emulator.model.UserAccount;

import org.jspecify.annotations.Nullable;

/**
 * What a fresh emulator holds: users who may log in with a password, apps with their
 * records, and optionally the domain's language. This is the programmatic seed API; a
 * seed file loader maps onto it. Immutable once built.
 */
public final class EmulatorSeed {

	private final List<UserAccount> users;

	private final List<AppSeed> apps;

	private final @Nullable Language language;

	private EmulatorSeed(Builder builder) {
		this.users = List.copyOf(builder.users);
		this.apps = List.copyOf(builder.apps);
		this.language = builder.language;
	}

	public static Builder builder() {
		return new Builder();
	}

	public static EmulatorSeed empty() {
		return builder().build();
	}

	List<UserAccount> users() {
		return this.users;
	}

	List<AppSeed> apps() {
		return this.apps;
	}

	/** The domain's language, or null when the seed leaves it as it is. */
	@Nullable Language language() {
		return this.language;
	}

	/** Collects users and apps; not thread-safe. */
	public static final class Builder {

		private final List<UserAccount> users = new ArrayList<>();

		private final List<AppSeed> apps = new ArrayList<>();

		private @Nullable Language language;

		private Builder() {
		}

		/** A user whose display name is the login name. */
		public Builder user(String login, String password) {
			return user(login, login, password);
		}

		public Builder user(String login, String displayName, String password) {
			this.users.add(new UserAccount(login, displayName, password));
			return this;
		}

		public Builder app(AppSeed app) {
			this.apps.add(app);
			return this;
		}

		/**
		 * The domain's language (see
		 * {@link KintoneEmulatorBuilder#domainLanguage(Language)}).
		 */
		public Builder language(Language domainLanguage) {
			this.language = domainLanguage;
			return this;
		}

		public EmulatorSeed build() {
			return new EmulatorSeed(this);
		}

	}

}
