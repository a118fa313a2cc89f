package io.kintonemigrator.cli;

import java.time.Clock;

import io.kintonemigrator.config.MigratorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The commands' {@link KintoneClients} in a context: one OkHttp transport for the
 * process, closed with the context. Backoff can be shortened with
 * {@code kam.resilience.initial-backoff} / {@code max-backoff} / {@code max-attempts}
 * (tests do; users rarely need to).
 */
@Configuration(proxyBeanMethods = false)
public class ClientConfiguration {

	@Bean(destroyMethod = "close")
	KintoneClients kintoneClients(Clock clock, MigratorProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return KintoneClients.overHttp(clock, properties.resilience(),
				meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
