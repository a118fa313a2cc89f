package io.kintonemigrator.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The job file as written, bound by Jackson with unknown keys rejected. Every value may
 * be missing here; {@link JobConfigValidator} turns this into a {@link JobConfig} or into
 * a list of problems.
 */
record RawJobFile(@Nullable String name, @Nullable Endpoint source, @Nullable Endpoint target, @Nullable Match match,
		@Nullable List<Mapping> files, @Nullable String query, @Nullable String onExisting,
		@Nullable String onMissingTarget, @Nullable Limits limits, @Nullable Integer skipLimit,
		@Nullable Integer partitions, @Nullable String dependsOn) {

	record Endpoint(@Nullable String baseUrl, @Nullable Long app, @Nullable Long guestSpaceId,
			@Nullable String apiToken, @Nullable String apiTokenFile, @Nullable String username,
			@Nullable String password, @Nullable String passwordFile, @Nullable Boolean allowInsecureHttp) {
	}

	record Match(@Nullable String source, @Nullable String target) {
	}

	/**
	 * {@code rowKey} is a column code (a string) or {@code {from: CODE, to: CODE}} (a
	 * map); the validator tells them apart.
	 */
	record Mapping(@Nullable String from, @Nullable String to, @Nullable Object rowKey) {
	}

	record Limits(@Nullable Integer concurrency, @Nullable Double requestsPerSecond, @Nullable Long dailyRequestBudget,
			@Nullable Integer chunkSize, @Nullable Integer domainHeadroom) {
	}

}
