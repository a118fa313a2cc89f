package io.kintonemigrator.remote;

import java.util.List;

import io.kintonemigrator.ledger.JobLocks;
import jakarta.jms.ConnectionFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;

/**
 * {@code migrate --role worker}: takes partition requests from the broker's queue
 * ({@code kam.remote.queue}), {@code kam.remote.worker-partitions} at a time, and runs
 * each with the job's own worker step against the shared job repository
 * ({@link PartitionRequestHandler}). A request is taken off the queue when its partition
 * has ended (a transacted session): one that a dying worker held goes back to the queue
 * and is dropped by the next worker, since its partition no longer waits; the manager
 * fails that partition ({@link LostPartitions}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteRole.PROPERTY, havingValue = "worker")
@EnableBatchIntegration
@EnableConfigurationProperties({ RemoteProperties.class, ArtemisProperties.class })
public class RemoteWorkerConfiguration {

	/** The bean name of the queue's listener: stopped first when the worker stops. */
	static final String LISTENER = "partitionRequestListener";

	/**
	 * The fence of the job's writes: the job lock (held by the manager) and this worker's
	 * claim on the partition.
	 */
	@Bean
	@Primary
	PartitionLeases partitionLeases(JobLocks locks) {
		return new PartitionLeases(locks);
	}

	@Bean
	PartitionRequestHandler partitionRequestHandler(JobRepository jobRepository, List<Step> steps,
			PartitionLeases partitionLeases) {
		StepExecutionRequestHandler delegate = new StepExecutionRequestHandler();
		delegate.setJobRepository(jobRepository);
		delegate.setStepLocator(new StepsByName(steps));
		return new PartitionRequestHandler(jobRepository, delegate, partitionLeases);
	}

	@Bean
	ConnectionFactory partitionRequestConnections(ArtemisProperties artemis) {
		return BrokerConnections.forWorker(artemis);
	}

	@Bean
	IntegrationFlow partitionRequestsFromBroker(ConnectionFactory partitionRequestConnections,
			PartitionRequestHandler partitionRequestHandler, RemoteProperties remote) {
		int consumers = remote.workerPartitions();
		return IntegrationFlow
			.from(Jms.messageDrivenChannelAdapter(partitionRequestConnections)
				.destination(remote.queue())
				.configureListenerContainer(container -> container.sessionTransacted(true)
					.concurrentConsumers(consumers)
					.maxConcurrentConsumers(consumers))
				.id(LISTENER))
			.transform(String.class, PartitionRequests::decode)
			.handle(partitionRequestHandler, "handle")
			.nullChannel();
	}

}
