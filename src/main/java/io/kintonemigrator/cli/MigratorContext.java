package io.kintonemigrator.cli;

import java.io.PrintWriter;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Spring Boot's lazy initialisation, set to {@code "true"} by the commands that read
	 * the job database and run no job ({@code status}, {@code verify}): only the beans
	 * they ask for, and what those depend on, are made (docs/benchmarks.md, "Start-up").
	 */
	public static final String LAZY_INITIALIZATION = "spring.main.lazy-initialization";

	private MigratorContext() {
	}

	/**
	 * Starts the context, unless the job database is an H2 file another process has open:
	 * then prints one line saying who holds it to {@code err} and returns null (the
	 * command exits {@link ExitCodes#USAGE}); H2 opens a file from one process at a time.
	 * The caller closes the context.
	 */
	public static @Nullable ConfigurableApplicationContext startUnlessInUse(Map<String, Object> properties,
			JobConfigLoader loader, PrintWriter err) {
		String inUse = H2DatabaseOwner.checkNotInUse(properties);
		if (inUse == null) {
			try {
				return start(properties, loader);
			}
			catch (RuntimeException ex) { // another process opened it after the check
				inUse = H2DatabaseOwner.inUseMessage(ex);
				if (inUse == null) {
					throw ex;
				}
			}
		}
		err.println(inUse);
		err.flush();
		return null;
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
			.run(CommandEnvironment.bootArguments());
	}

}
