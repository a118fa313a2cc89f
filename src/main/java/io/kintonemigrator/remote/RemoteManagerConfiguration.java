package io.kintonemigrator.remote;

import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.migration.AbandonedPartitions;
import io.kintonemigrator.migration.PartitionedMigrationConfiguration;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * {@code migrate --role manager}: the run as {@code migrate} runs it (job lock, preflight
 * of every pair, reports), but the partitions go to the workers as requests on the
 * broker's queue ({@code kam.remote.queue}) and the manager polls the shared job
 * repository for their end ({@link RemotePartitionHandler}). With
 * {@code kam.remote.embedded-broker} the broker runs inside this JVM.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteRole.PROPERTY, havingValue = "manager")
@EnableBatchIntegration
@EnableConfigurationProperties({ RemoteProperties.class, ArtemisProperties.class })
public class RemoteManagerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RemoteManagerConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = RemoteRole.EMBEDDED_BROKER_PROPERTY, havingValue = "true")
	EmbeddedBroker embeddedBroker(RemoteProperties remote) {
		return EmbeddedBroker.start(remote.embeddedBrokerUrl());
	}

	@Bean(destroyMethod = "destroy")
	CachingConnectionFactory partitionRequestConnections(ArtemisProperties artemis,
			ObjectProvider<EmbeddedBroker> embedded) {
		EmbeddedBroker broker = embedded.getIfAvailable();
		ConnectionFactory target = broker != null ? new ActiveMQConnectionFactory(broker.url())
				: BrokerConnections.external(artemis);
		logger.info("Manager: partition requests go to the broker at {}",
				BrokerConnections.describe(broker != null ? broker.url() : artemis.getBrokerUrl()));
		return new CachingConnectionFactory(target);
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests,
			CachingConnectionFactory partitionRequestConnections, RemoteProperties remote) {
		return IntegrationFlow.from(partitionRequests)
			.transform(StepExecutionRequest.class, PartitionRequests::encode)
			.handle(Jms.outboundAdapter(partitionRequestConnections).destination(remote.queue()))
			.get();
	}

	/**
	 * A killed manager's workers may still run its partitions: their claims are taken
	 * over, waiting for live ones, before the manager's next run recovers the execution.
	 */
	@Bean
	AbandonedPartitions abandonedPartitions(JobRepository jobRepository, JobLocks locks, RemoteProperties remote) {
		return new PartitionTakeover(jobRepository, locks, remote.pollInterval());
	}

	/**
	 * Replaces the job's local partition handler ({@code @Primary}: the local one may
	 * still be defined, since its condition is evaluated before this configuration).
	 */
	@Bean
	@Primary
	PartitionHandler remotePartitionHandler(DirectChannel partitionRequests, JobRepository jobRepository,
			JobLocks locks, MigratorProperties properties, RemoteProperties remote,
			@Qualifier(PartitionedMigrationConfiguration.WORKER_STEP) Step workerStep) throws Exception {
		MessagingTemplate template = new MessagingTemplate();
		template.setDefaultChannel(partitionRequests);
		RemotePartitionHandler handler = new RemotePartitionHandler(jobRepository,
				() -> new LostPartitions(jobRepository, locks, properties.lock().lease()), remote.pollInterval());
		handler.setStepName(workerStep.getName());
		handler.setMessagingOperations(template);
		handler.afterPropertiesSet();
		return handler;
	}

}
