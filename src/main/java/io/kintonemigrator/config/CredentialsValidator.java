package io.kintonemigrator.config;

import java.util.ArrayList;
import java.util.List;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;

/**
 * The credentials of one endpoint: an API token (or several, comma-separated; from the
 * file or a variable) or a user's name and password, never both, never quoted in a
 * problem. Adds one line per problem to the list it was given.
 */
final class CredentialsValidator {

	private final List<String> problems;

	private final SecretFiles secretFiles;

	private final boolean credentialsNeeded;

	/**
	 * @param credentialsNeeded false: the credentials are not read nor checked (commands
	 * that do not reach kintone)
	 */
	CredentialsValidator(List<String> problems, SecretFiles secretFiles, boolean credentialsNeeded) {
		this.problems = problems;
		this.secretFiles = secretFiles;
		this.credentialsNeeded = credentialsNeeded;
	}

	Credentials credentials(String key, RawJobFile.Endpoint raw) {
		if (!credentialsNeeded) {
			return new Credentials.ApiTokens(List.of(new Secret("")));
		}
		if (raw.apiToken() != null && raw.apiTokenFile() != null) {
			problems.add(key + ": give either apiToken or apiTokenFile, not both");
		}
		if (raw.password() != null && raw.passwordFile() != null) {
			problems.add(key + ": give either password or passwordFile, not both");
		}
		String apiToken = raw.apiTokenFile() != null
				? secretFiles.read(key + ".apiTokenFile", raw.apiTokenFile(), problems) : raw.apiToken();
		String passwordValue = raw.passwordFile() != null
				? secretFiles.read(key + ".passwordFile", raw.passwordFile(), problems) : raw.password();
		String tokenKey = key + (raw.apiTokenFile() != null ? ".apiTokenFile" : ".apiToken");
		boolean token = apiToken != null && !apiToken.isBlank();
		boolean password = raw.username() != null || passwordValue != null;
		if (token && password) {
			problems.add(key + ": give either apiToken or username/password, not both");
		}
		if (token) {
			List<Secret> tokens = new ArrayList<>();
			for (String part : apiToken.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				if (!isPrintableAscii(part.strip())) {
					// never quote the value: it is a secret
					problems.add(tokenKey + ": a token contains a space or a character that is not printable ASCII; "
							+ "copy it again from the app's settings (separate several tokens with commas)");
				}
				tokens.add(new Secret(part.strip()));
			}
			if (tokens.size() > 9) {
				problems.add(tokenKey + ": at most 9 comma-separated tokens are allowed, got " + tokens.size());
				tokens = tokens.subList(0, 9);
			}
			return new Credentials.ApiTokens(tokens);
		}
		if (password) {
			String passwordKey = key + (raw.passwordFile() != null ? ".passwordFile" : ".password");
			if (raw.username() == null || raw.username().isBlank()) {
				problems.add(key + ".username: missing (password authentication needs username and password)");
			}
			else if (raw.username().contains(":")) {
				problems.add(key + ".username: contains ':'; give the kintone login name");
			}
			if (passwordValue == null || passwordValue.isEmpty()) {
				problems.add(passwordKey + ": missing (password authentication needs username and password)");
			}
			return new Credentials.Password(raw.username() == null ? "" : raw.username(),
					new Secret(passwordValue == null ? "" : passwordValue));
		}
		if (raw.apiTokenFile() == null && raw.passwordFile() == null) {
			problems.add(key + ".apiToken: missing; give apiToken: ${SOME_ENV_VAR} or apiTokenFile: PATH "
					+ "(or username and password)");
		}
		else if (raw.apiTokenFile() != null && apiToken != null) {
			problems.add(tokenKey + ": the file is empty; put the API token in it");
		}
		return new Credentials.ApiTokens(List.of(new Secret("")));
	}

	private static boolean isPrintableAscii(String value) {
		return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

}
