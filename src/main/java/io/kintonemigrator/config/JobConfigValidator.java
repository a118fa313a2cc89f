package io.kintonemigrator.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.kintonemigrator.config.JobConfig.FileMapping;
import io.kintonemigrator.config.JobConfig.Limits;
import io.kintonemigrator.config.JobConfig.OnExisting;
import io.kintonemigrator.config.JobConfig.OnMissingTarget;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.Secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link RawJobFile} key by key, collecting every problem, and builds the
 * {@link JobConfig}.
 */
final class JobConfigValidator {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern FIELD_CODE = Pattern.compile("[^.\\s]+");

	private static final Logger logger = LoggerFactory.getLogger(JobConfigValidator.class);

	private final List<String> problems = new ArrayList<>();

	private final SecretFiles secretFiles;

	private final boolean credentialsNeeded;

	/**
	 * @param baseDirectory where relative {@code apiTokenFile}/{@code passwordFile} paths
	 * start
	 * @param credentialsNeeded false: the credentials are not read nor checked (commands
	 * that do not reach kintone)
	 */
	JobConfigValidator(Path baseDirectory, boolean credentialsNeeded) {
		this.secretFiles = new SecretFiles(baseDirectory);
		this.credentialsNeeded = credentialsNeeded;
	}

	JobConfig validate(RawJobFile raw) {
		String name = name(raw.name());
		KintoneConnection source = endpoint("source", raw.source());
		KintoneConnection target = endpoint("target", raw.target());
		JobConfig.Match match = match(raw.match());
		List<FileMapping> files = new FileMappingsValidator(problems).files(raw.files());
		OnExisting onExisting = choice("onExisting", raw.onExisting(), OnExisting.class, OnExisting.REPLACE);
		OnMissingTarget onMissingTarget = choice("onMissingTarget", raw.onMissingTarget(), OnMissingTarget.class,
				OnMissingTarget.SKIP);
		Limits limits = limits(raw.limits());
		int skipLimit = raw.skipLimit() == null ? 100 : raw.skipLimit();
		if (skipLimit < 0) {
			problems.add("skipLimit: must be 0 or more, was " + skipLimit);
		}
		int partitions = raw.partitions() == null ? 1 : raw.partitions();
		if (partitions < 1 || partitions > JobConfig.MAX_PARTITIONS) {
			problems.add("partitions: must be 1.." + JobConfig.MAX_PARTITIONS + ", was " + partitions);
		}
		String dependsOn = raw.dependsOn() == null || raw.dependsOn().isBlank() ? null : raw.dependsOn().strip();
		if (dependsOn != null && dependsOn.equals(name)) {
			problems.add("dependsOn: names this job itself; name another job of the run, or remove it");
		}
		String query = raw.query() == null || raw.query().isBlank() ? null : raw.query().strip();
		if (query != null && query.toLowerCase(Locale.ROOT).matches("(?s).*\\b(order\\s+by|limit|offset)\\b.*")) {
			problems
				.add("query: must be a condition only; remove 'order by', 'limit' and 'offset' (the job pages by $id)");
		}
		if (!problems.isEmpty()) {
			throw new JobConfigException(problems);
		}
		return new JobConfig(name, source, target, match, files, query, onExisting, onMissingTarget, limits, skipLimit,
				partitions, dependsOn);
	}

	private String name(@Nullable String name) {
		if (name == null || name.isBlank()) {
			problems.add(
					"name: missing; give the job a name (letters, digits, '.', '_', '-'), it identifies the job for resuming");
			return "";
		}
		if (!NAME.matcher(name).matches()) {
			problems.add("name: '" + name + "' is not allowed; use 1-100 letters, digits, '.', '_' or '-'");
		}
		return name;
	}

	private KintoneConnection endpoint(String key, RawJobFile.@Nullable Endpoint raw) {
		URI placeholderUrl = URI.create("https://invalid.example");
		if (raw == null) {
			problems.add(key + ": missing; give baseUrl, app and apiToken (or username and password)");
			return placeholderConnection(placeholderUrl);
		}
		URI baseUrl = placeholderUrl;
		if (raw.baseUrl() == null || raw.baseUrl().isBlank()) {
			problems.add(key + ".baseUrl: missing; e.g. https://example.cybozu.com");
		}
		else {
			try {
				baseUrl = new URI(raw.baseUrl().strip().replaceAll("/+$", ""));
				if (!("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
						|| baseUrl.getHost() == null) {
					problems.add(key + ".baseUrl: '" + raw.baseUrl()
							+ "' is not an http(s) URL; e.g. https://example.cybozu.com");
				}
				else if (!baseUrl.getRawPath().isEmpty() || baseUrl.getRawQuery() != null
						|| baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
					problems.add(key + ".baseUrl: '" + baseUrl.getScheme() + "://" + baseUrl.getHost()
							+ "...' must be the domain only (no path, query or user); use " + baseUrl.getScheme()
							+ "://" + baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort()));
				}
				else if ("http".equals(baseUrl.getScheme()) && !LocalHosts.isLocal(baseUrl.getHost())) {
					if (Boolean.TRUE.equals(raw.allowInsecureHttp())) {
						logger.warn("INSECURE: " + key
								+ ".allowInsecureHttp is true: API credentials and every file go " + "unencrypted to "
								+ baseUrl.getHost() + "; anyone on the network path can read them");
					}
					else {
						problems.add(key + ".baseUrl: '" + baseUrl + "' uses plain http to a host that is not local; "
								+ "use https (http is accepted only for localhost)");
					}
				}
			}
			catch (URISyntaxException ex) {
				problems.add(key + ".baseUrl: '" + raw.baseUrl() + "' is not a URL; e.g. https://example.cybozu.com");
			}
		}
		AppId app = new AppId(1);
		if (raw.app() == null) {
			problems.add(key + ".app: missing; the app id is the number in the app's URL (/k/12/)");
		}
		else if (raw.app() <= 0) {
			problems.add(key + ".app: must be a positive app id, was " + raw.app());
		}
		else {
			app = new AppId(raw.app());
		}
		if (raw.guestSpaceId() != null && raw.guestSpaceId() <= 0) {
			problems.add(key + ".guestSpaceId: must be a positive space id, was " + raw.guestSpaceId());
		}
		Credentials credentials = new CredentialsValidator(problems, secretFiles, credentialsNeeded).credentials(key,
				raw);
		return new KintoneConnection(baseUrl, app, raw.guestSpaceId(), credentials, null, null, null,
				KintoneConnection.Timeouts.defaults(), Boolean.TRUE.equals(raw.allowInsecureHttp()));
	}

	private static KintoneConnection placeholderConnection(URI url) {
		return new KintoneConnection(url, new AppId(1), null, new Credentials.ApiTokens(List.of(new Secret(""))), null,
				null, null, KintoneConnection.Timeouts.defaults(), false);
	}

	private JobConfig.Match match(RawJobFile.@Nullable Match raw) {
		if (raw == null) {
			problems.add("match: missing; give match.source and match.target (field codes or $id)");
			return new JobConfig.Match("", "");
		}
		String source = fieldCode("match.source", raw.source());
		String target = fieldCode("match.target", raw.target());
		return new JobConfig.Match(source, target);
	}

	private String fieldCode(String key, @Nullable String code) {
		if (code == null || code.isBlank()) {
			problems.add(key + ": missing; give a field code or $id");
			return "";
		}
		if (!FIELD_CODE.matcher(code).matches()) {
			problems.add(key + ": '" + code + "' is not a top-level field code");
		}
		return code.strip();
	}

	private <E extends Enum<E>> E choice(String key, @Nullable String value, Class<E> type, E fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			List<String> allowed = new ArrayList<>();
			for (E constant : type.getEnumConstants()) {
				allowed.add(constant.name().toLowerCase(Locale.ROOT));
			}
			problems.add(key + ": '" + value + "' is not one of " + String.join(" | ", allowed));
			return fallback;
		}
	}

	private Limits limits(RawJobFile.@Nullable Limits raw) {
		Limits defaults = Limits.defaults();
		if (raw == null) {
			return defaults;
		}
		int concurrency = raw.concurrency() == null ? defaults.concurrency() : raw.concurrency();
		if (concurrency < 1 || concurrency > 50) {
			problems
				.add("limits.concurrency: must be 1..50 (kintone allows 100 per domain, shared with its users), was "
						+ concurrency);
		}
		double rate = raw.requestsPerSecond() == null ? defaults.requestsPerSecond() : raw.requestsPerSecond();
		if (!(rate > 0)) {
			problems.add("limits.requestsPerSecond: must be more than 0, was " + rate);
		}
		long budget = raw.dailyRequestBudget() == null ? defaults.dailyRequestBudget() : raw.dailyRequestBudget();
		if (budget < 0) {
			problems.add("limits.dailyRequestBudget: must be 0 (no budget) or more, was " + budget);
		}
		int chunkSize = raw.chunkSize() == null ? defaults.chunkSize() : raw.chunkSize();
		if (chunkSize < 1 || chunkSize > 100) {
			problems.add("limits.chunkSize: must be 1..100 (one bulk update per chunk), was " + chunkSize);
		}
		int headroom = raw.domainHeadroom() == null ? defaults.domainHeadroom() : raw.domainHeadroom();
		if (headroom < 0 || headroom > 99) {
			problems.add("limits.domainHeadroom: must be 0..99 (concurrent requests of the domain's 100 left free for "
					+ "its other users), was " + headroom);
		}
		return new Limits(concurrency, rate, budget, chunkSize, headroom);
	}

}
