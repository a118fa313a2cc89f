package io.kintonemigrator.remote;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.kintonemigrator.migration.PartitionWaves;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * The manager's partition handler: Spring Batch Integration's
 * {@link MessageChannelPartitionHandler} in its polling form (requests out over the
 * broker, no replies: it reads the job repository every {@code pollInterval} until every
 * partition sent has ended), wave by wave ({@link PartitionWaves}, as the local handler:
 * the partitions of a wave are sent together, the next wave once all of them completed;
 * when one did not, the later waves are saved STOPPED, not started, and the next run
 * starts them), and with {@link LostPartitions} polling beside it, so a partition whose
 * worker died ends FAILED instead of being waited for forever. When all have ended, the
 * job execution's own partition objects take what the workers recorded
 * ({@link PartitionResults}), so the manager's summary and reports show it.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final Supplier<LostPartitions> lostPartitions;

	private final Duration pollInterval;

	private final PartitionWaves waves;

	RemotePartitionHandler(JobRepository jobRepository, Supplier<LostPartitions> lostPartitions,
			Duration pollInterval) {
		this.lostPartitions = lostPartitions;
		this.pollInterval = pollInterval;
		this.waves = new PartitionWaves(jobRepository);
		setJobRepository(jobRepository); // polling: no reply channel
		setPollInterval(pollInterval.toMillis());
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
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
		}, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
		try {
			Set<StepExecution> ended = waves.run(partitions, wave -> {
				logger.info("Sent {} partition request(s) to the workers", wave.size());
				return super.doHandle(manager, wave);
			});
			partitions.forEach(partition -> ended.stream()
				.filter(fresh -> fresh.getId() == partition.getId())
				.findFirst()
				.ifPresent(fresh -> PartitionResults.copy(fresh, partition)));
			return partitions;
		}
		finally {
			poller.shutdownNow();
		}
	}

}
