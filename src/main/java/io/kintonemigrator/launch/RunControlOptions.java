package io.kintonemigrator.launch;

import java.util.Locale;

import io.kintonemigrator.cli.CommandEnvironment;
import io.kintonemigrator.report.LogLineWriter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;

import picocli.CommandLine.Option;

/**
 * The {@code migrate} options about how a run reports: progress, reports directory, log
 * format.
 */
public class RunControlOptions {

	/**
	 * Log formats; {@code json} is Spring Boot's structured logging in the ECS format.
	 */
	enum LogFormat {

		text, json

	}

	@Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
			description = "How often to show progress (e.g. 10s, 500ms, 1m; 0 = never). Default: ${DEFAULT-VALUE}.")
	String progressInterval = "10s";

	@Option(names = "--reports-dir", paramLabel = "DIR", defaultValue = "reports",
			description = "Where each run writes <job>/<execution id>/attachments.csv and summary.json. Default: ${DEFAULT-VALUE}.")
	Path reportsDir = Path.of("reports");

	@Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
			description = "text (readable) or json (one JSON object per line on stdout, for scheduled runs). Default: ${DEFAULT-VALUE}.")
	LogFormat logFormat = LogFormat.text;

	/**
	 * The properties these options set.
	 * @throws IllegalArgumentException with one line naming the bad option and the fix
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		Duration interval = parseInterval(progressInterval);
		// --quiet: the result and errors only
		properties.put("kam.progress-interval", (CommandEnvironment.quiet() ? Duration.ZERO : interval).toString());
		properties.put("kam.reports-dir", reportsDir.toString());
		boolean json = logFormat == LogFormat.json;
		properties.put("kam.progress-bar", Boolean.toString(!json && System.console() != null));
		if (json) {
			properties.put("logging.structured.format.console", "ecs");
		}
		return properties;
	}

	/**
	 * Where the command's own lines go: {@code out}, or with JSON logs one log event per
	 * line.
	 */
	PrintWriter out(PrintWriter out) {
		if (logFormat != LogFormat.json) {
			return out;
		}
		return new PrintWriter(new LogLineWriter(LoggerFactory.getLogger(MigrateCommand.class)), true);
	}

	public static Duration parseInterval(String text) {
		try {
			Duration interval = "0".equals(text.strip()) ? Duration.ZERO : DurationStyle.detectAndParse(text.strip());
			if (interval.isNegative()) {
				throw new IllegalArgumentException("negative");
			}
			return interval;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--progress-interval: '" + text
					+ "' is not a duration; use e.g. 10s, 500ms or 1m (0 = no progress)");
		}
	}

	/**
	 * An H2 file URL with {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would
	 * otherwise close the database under a job that is stopping cleanly after SIGTERM.
	 * Other URLs are returned as is.
	 */
	static String h2KeptOpenOnExit(String url) {
		if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
			return url;
		}
		return url + ";DB_CLOSE_ON_EXIT=FALSE";
	}

}
