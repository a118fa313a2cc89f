package io.kintonemigrator.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this process takes part in a remotely partitioned run, {@code kam.remote.*}. The
 * broker itself is Spring Boot's {@code spring.artemis.broker-url}, {@code .user} and
 * {@code .password}.
 *
 * @param role {@code local} (the default: partitions run in this process),
 * {@code manager} or {@code worker}
 * @param queue the JMS queue of the partition requests; manager and workers must agree
 * @param pollInterval how often the manager reads the job repository for finished
 * partitions and for partitions whose worker is gone
 * @param workerPartitions how many partitions one worker runs at a time
 * @param embeddedBroker manager only: run an ActiveMQ Artemis broker inside the manager
 * JVM (no persistence, no security, no JMX) with a TCP acceptor on
 * {@code embeddedBrokerUrl}; for tests and a one-machine trial
 * @param embeddedBrokerUrl where the embedded broker accepts connections; the workers'
 * {@code spring.artemis.broker-url}
 */
@ConfigurationProperties("kam.remote")
public record RemoteProperties(@DefaultValue("local") RemoteRole role,
		@DefaultValue("kam.partition.requests") String queue, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("1") int workerPartitions, @DefaultValue("false") boolean embeddedBroker,
		@DefaultValue("tcp://127.0.0.1:61616") String embeddedBrokerUrl) {

	public RemoteProperties {
		if (workerPartitions < 1) {
			throw new IllegalArgumentException(
					"kam.remote.worker-partitions must be at least 1, got " + workerPartitions);
		}
	}

}
