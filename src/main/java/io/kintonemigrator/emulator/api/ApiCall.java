package io.kintonemigrator.emulator.api;

import java.util.EnumSet;
import java.util.Set;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.EmulatorStore;
import io.kintonemigrator.emulator.store.WriteTransaction;

import org.jspecify.annotations.Nullable;

/**
 * One API invocation as a handler sees it: effective method, API name, parameters,
 * caller, and the (lazily opened) write transaction. Not thread-safe; lives for one
 * request.
 */
public final class ApiCall {

	/** Either of these lets a token read an app's settings. */
	private static final Set<TokenPermission> SETTINGS_READERS = EnumSet.of(TokenPermission.VIEW, TokenPermission.ADD);

	private final String method;

	private final String api;

	private final @Nullable Long guestSpaceId;

	private final Params params;

	private final Principal principal;

	private final ApiContext context;

	private final TransactionScope transactionScope;

	private final CallObserver observer;

	public ApiCall(String method, String api, @Nullable Long guestSpaceId, Params params, Principal principal,
			ApiContext context, TransactionScope transactionScope, CallObserver observer) {
		this.method = method;
		this.api = api;
		this.guestSpaceId = guestSpaceId;
		this.params = params;
		this.principal = principal;
		this.context = context;
		this.transactionScope = transactionScope;
		this.observer = observer;
	}

	/** Effective HTTP method (after {@code X-HTTP-Method-Override}). */
	public String method() {
		return this.method;
	}

	/**
	 * API path without prefix and suffix, e.g. {@code records} or
	 * {@code app/form/fields}.
	 */
	public String api() {
		return this.api;
	}

	public @Nullable Long guestSpaceId() {
		return this.guestSpaceId;
	}

	public Params params() {
		return this.params;
	}

	public Principal principal() {
		return this.principal;
	}

	public ApiContext context() {
		return this.context;
	}

	public EmulatorStore store() {
		return this.context.store();
	}

	public ApiSettings settings() {
		return this.context.settings();
	}

	/**
	 * The request's write transaction, opened (and the domain write lock taken) on first
	 * use.
	 */
	public WriteTransaction transaction() {
		return this.transactionScope.get();
	}

	/**
	 * A call for one sub-request of a bulk request: same caller, path and transaction.
	 */
	public ApiCall subCall(String subMethod, String subApi, Params subParams) {
		return new ApiCall(subMethod, subApi, this.guestSpaceId, subParams, this.principal, this.context,
				this.transactionScope, this.observer);
	}

	/**
	 * The app the call works on, after kintone's checks in order: token of another app
	 * ({@code GAIA_IA02}), unknown app ({@code GAIA_AP01}), guest-space path mismatch
	 * ({@code GAIA_IL23}, {@code CB_NO02}), token permission ({@code GAIA_NO01}).
	 */
	public AppDefinition requireApp(long appId, TokenPermission... permissions) {
		AppDefinition app = requireReachableApp(appId);
		Set<TokenPermission> grants = this.principal.tokenGrants(appId);
		if (grants != null) {
			for (TokenPermission permission : permissions) {
				if (!grants.contains(permission)) {
					throw new ApiException(KintoneErrors.TOKEN_NOT_PERMITTED);
				}
			}
		}
		return app;
	}

	/**
	 * The app whose settings ({@code app.json}, {@code app/form/fields.json},
	 * {@code app/form/layout.json}) the call reads, after the checks of
	 * {@link #requireApp}: kintone lets record view <em>or</em> record add permission
	 * read them (cybozu.dev, 必要なアクセス権), so an add-only token may, e.g. to import records.
	 */
	public AppDefinition requireAppSettingsReadable(long appId) {
		AppDefinition app = requireReachableApp(appId);
		Set<TokenPermission> grants = this.principal.tokenGrants(appId);
		if (grants != null && SETTINGS_READERS.stream().noneMatch(grants::contains)) {
			throw new ApiException(KintoneErrors.TOKEN_NOT_PERMITTED);
		}
		return app;
	}

	/** Every check of {@link #requireApp} but the permission. */
	private AppDefinition requireReachableApp(long appId) {
		this.observer.appNamed(appId);
		Set<TokenPermission> grants = this.principal.tokenGrants(appId);
		if (!this.principal.isUser() && grants == null) {
			throw new ApiException(KintoneErrors.TOKEN_MISMATCH);
		}
		AppDefinition app = store().app(appId);
		if (app == null) {
			throw new ApiException(KintoneErrors.APP_NOT_FOUND, appId);
		}
		if (app.guestSpaceId() != null && this.guestSpaceId == null) {
			throw new ApiException(KintoneErrors.GUEST_SPACE_PATH_REQUIRED);
		}
		if (this.guestSpaceId != null && !this.guestSpaceId.equals(app.guestSpaceId())) {
			throw new ApiException(KintoneErrors.NO_PRIVILEGE);
		}
		return app;
	}

	/** Told which app a call names, for the request log and the per-app counters. */
	public interface CallObserver {

		void appNamed(long appId);

	}

}
