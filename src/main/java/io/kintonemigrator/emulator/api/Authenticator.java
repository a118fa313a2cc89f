package io.kintonemigrator.emulator.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.model.UserAccount;
import io.kintonemigrator.emulator.store.EmulatorStore;

/**
 * Resolves the caller from kintone's headers (kintone-api.md §6):
 * {@code X-Cybozu-Authorization} wins over {@code X-Cybozu-API-Token};
 * {@code Authorization: Basic/Bearer} is tolerated and ignored. Which app a token must
 * belong to is checked later, per API, by {@link ApiCall#requireApp}. Thread-safe.
 */
public final class Authenticator {

	static final int MAX_TOKENS = 9;

	private final EmulatorStore store;

	public Authenticator(EmulatorStore store) {
		this.store = store;
	}

	public Principal authenticate(RequestHeaders headers) {
		List<String> passwordHeaders = headers.all("X-Cybozu-Authorization");
		if (!passwordHeaders.isEmpty()) {
			return byPassword(passwordHeaders.get(0));
		}
		List<String> tokens = new ArrayList<>();
		for (String header : headers.all("X-Cybozu-API-Token")) {
			for (String token : header.split(",")) {
				if (!token.isBlank()) {
					tokens.add(token.trim());
				}
			}
		}
		if (tokens.isEmpty()) {
			throw new ApiException(KintoneErrors.NOT_AUTHENTICATED);
		}
		// more than 9 tokens: kintone rejects the request; the exact code is UNCONFIRMED
		if (tokens.size() > MAX_TOKENS) {
			throw new ApiException(KintoneErrors.ILLEGAL_REQUEST);
		}
		return byTokens(tokens);
	}

	private Principal byPassword(String header) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(KintoneErrors.PASSWORD_FAILED);
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			throw new ApiException(KintoneErrors.PASSWORD_FAILED);
		}
		UserAccount user = this.store.user(decoded.substring(0, colon));
		if (user == null || !user.password().equals(decoded.substring(colon + 1))) {
			throw new ApiException(KintoneErrors.PASSWORD_FAILED);
		}
		return Principal.user(user);
	}

	private Principal byTokens(List<String> tokens) {
		Map<Long, Set<TokenPermission>> grants = new HashMap<>();
		for (String token : tokens) {
			Long appId = this.store.appOfToken(token);
			AppDefinition app = (appId != null) ? this.store.app(appId) : null;
			if (app == null) {
				throw new ApiException(KintoneErrors.TOKEN_MISMATCH);
			}
			Set<TokenPermission> permissions = app.apiTokens().get(token);
			if (grants.putIfAbsent(appId, (permissions.isEmpty()) ? EnumSet.noneOf(TokenPermission.class)
					: EnumSet.copyOf(permissions)) != null) {
				throw new ApiException(KintoneErrors.DUPLICATE_TOKEN);
			}
		}
		return Principal.tokens(grants);
	}

}
