package io.kintonemigrator.cli;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every context {@link DefaultJobDatabase#url()} as {@code spring.datasource.url}
 * at the lowest precedence, so {@code --database}, system properties,
 * {@code SPRING_DATASOURCE_URL} and any application properties still override it.
 * Registered in {@code META-INF/spring.factories}.
 */
public class DefaultJobDatabaseEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE = "kam-default-job-database";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE, Map.of("spring.datasource.url", DefaultJobDatabase.url())));
	}

}
