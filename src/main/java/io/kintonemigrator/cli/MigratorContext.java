package io.kintonemigrator.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kintonemigrator.AttachmentMigratorApplication;
import io.kintonemigrator.config.JobConfigLoader;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring Boot context for the commands that run the job: batch infrastructure
 * on the configured {@code DataSource} (the {@linkplain DefaultJobDatabase default H2
 * file} unless {@code spring.datasource.*} says otherwise), the ledger and the job. Jobs
 * never start by themselves ({@code spring.batch.job.enabled=false}); the command
 * launches them.
 */
public final class MigratorContext {

	private MigratorContext() {
	}

	/**
	 * Starts the context; executions read their job file with {@code loader} (the demo
	 * adds its own variables).
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> properties, JobConfigLoader loader) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("spring.batch.job.enabled", "false");
		all.putAll(properties);
		// highest precedence: these must win over application.properties (e.g. the demo's
		// own database)
		return new SpringApplicationBuilder(AttachmentMigratorApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			// a signal stops the job cleanly (GracefulStop); Spring's hook would close
			// the context under it
			.registerShutdownHook(false)
			// also as defaults: the logging system reads logging.* before the
			// initializers below run
			.properties(all)
			.initializers(context -> {
				context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kam-command", all));
				context.getBeanFactory().registerSingleton("jobConfigLoader", loader);
			})
			.run();
	}

}
