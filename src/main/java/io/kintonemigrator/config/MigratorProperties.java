package io.kintonemigrator.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's own settings, {@code kam.*}, read once and typed (the job file holds
 * what a migration does; these say how this process runs it). Set them like any Spring
 * Boot property: {@code application.properties}, {@code KAM_WORK_DIR}, or the command
 * (which sets {@code kam.chunk-size} from the job file and the report options from its
 * flags).
 *
 * @param workDir where downloads wait for their upload (default
 * {@code ${java.io.tmpdir}/kintone-attachment-migrator})
 * @param chunkSize records per chunk of the migrate step (the job file's
 * {@code limits.chunkSize})
 * @param reportsDir where each run's reports go
 * @param progressInterval how often a running migration prints its progress
 * @param progressBar whether progress is a bar (a terminal) or lines
 * @param resilience retry backoff of the kintone clients (tests shorten it)
 * @param lock the job lock's lease
 * @param incremental incremental runs' safety margin
 * @param database how long a run waits for an unreachable job database
 */
@ConfigurationProperties("kam")
public record MigratorProperties(Path workDir, @DefaultValue("100") int chunkSize,
		@DefaultValue("reports") Path reportsDir, @DefaultValue("10s") Duration progressInterval,
		@DefaultValue("false") boolean progressBar, @DefaultValue Resilience resilience, @DefaultValue Lock lock,
		@DefaultValue Incremental incremental, @DefaultValue Database database) {

	public MigratorProperties {
		if (workDir == null) {
			workDir = defaultWorkDir();
		}
	}

	private static Path defaultWorkDir() {
		return Path.of(System.getProperty("java.io.tmpdir"), "kintone-attachment-migrator");
	}

	/**
	 * Retry backoff of the kintone clients: attempts start {@code initialBackoff} apart,
	 * growing to {@code maxBackoff}, at most {@code maxAttempts} per request.
	 */
	public record Resilience(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("60s") Duration maxBackoff,
			@DefaultValue("6") int maxAttempts) {

		public static Resilience defaults() {
			return new Resilience(Duration.ofSeconds(1), Duration.ofSeconds(60), 6);
		}

	}

	/** The job lock: a holder that stops renewing it loses it after {@code lease}. */
	public record Lock(@DefaultValue("60s") Duration lease) {

	}

	/**
	 * Incremental runs read records updated since the last one's start minus
	 * {@code safetyMargin} (clock skew between us and kintone).
	 */
	public record Incremental(@DefaultValue("2m") Duration safetyMargin) {

	}

	/** A run ends with exit code 1 when the job database stays away past this. */
	public record Database(@DefaultValue("3m") Duration outageTimeout) {

	}

}
