package io.kintonemigrator.remote;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * The manager's partition handler: Spring Batch Integration's
 * {@link MessageChannelPartitionHandler} in its polling form (requests out over the
 * broker, no replies: it reads the job repository every {@code pollInterval} until every
 * partition has ended), with {@link LostPartitions} on the same interval beside it, so a
 * partition whose worker died ends FAILED instead of being waited for forever.
 */
final class RemotePartitionHandler implements PartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final MessageChannelPartitionHandler requests;

	private final Supplier<LostPartitions> lostPartitions;

	private final Duration pollInterval;

	RemotePartitionHandler(MessageChannelPartitionHandler requests, Supplier<LostPartitions> lostPartitions,
			Duration pollInterval) {
		this.requests = requests;
		this.lostPartitions = lostPartitions;
		this.pollInterval = pollInterval;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		LostPartitions watch = lostPartitions.get();
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "partition-watch");
			thread.setDaemon(true);
			return thread;
		});
		poller.scheduleWithFixedDelay(() -> {
			try {
				watch.poll(manager);
			}
			catch (RuntimeException ex) { // e.g. the job database is away: next poll
				logger.warn("Could not read the partitions' state: {}", ex.getMessage());
			}
		}, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
		try {
			logger.info("Sending the partitions of step {} to the workers", manager.getStepName());
			return requests.handle(splitter, manager);
		}
		finally {
			poller.shutdownNow();
		}
	}

}
