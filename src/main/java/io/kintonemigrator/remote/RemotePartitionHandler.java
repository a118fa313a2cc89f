package io.kintonemigrator.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * The manager's partition handler: Spring Batch Integration's
 * {@link MessageChannelPartitionHandler} in its polling form (requests out over the
 * broker, no replies: it reads the job repository every {@code pollInterval} until every
 * partition sent has ended), wave by wave as the local handler runs them (the partitions
 * of a wave are sent together, the next wave once all of them completed; when one did
 * not, the later waves are saved STOPPED, not started, and the next run starts them), and
 * with {@link LostPartitions} polling beside it, so a partition whose worker died ends
 * FAILED instead of being waited for forever. When all have ended, the job execution's
 * own partition objects take what the workers recorded ({@link PartitionResults}), so the
 * manager's summary and reports show it.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final JobRepository jobRepository;

	private final Supplier<LostPartitions> lostPartitions;

	private final Duration pollInterval;

	private final ToIntFunction<StepExecution> wave;

	/**
	 * @param wave a partition's wave (dependency order: lower first)
	 */
	RemotePartitionHandler(JobRepository jobRepository, Supplier<LostPartitions> lostPartitions, Duration pollInterval,
			ToIntFunction<StepExecution> wave) {
		this.jobRepository = jobRepository;
		this.lostPartitions = lostPartitions;
		this.pollInterval = pollInterval;
		this.wave = wave;
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
			Set<StepExecution> ended = inWaves(manager, partitions);
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

	private Set<StepExecution> inWaves(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		TreeMap<Integer, Set<StepExecution>> waves = partitions.stream()
			.collect(Collectors.groupingBy(wave::applyAsInt, TreeMap::new, Collectors.toSet()));
		Set<StepExecution> results = new HashSet<>();
		@Nullable String blocker = null;
		for (Set<StepExecution> next : waves.values()) {
			if (blocker != null) {
				for (StepExecution waiting : next) {
					results.add(notStarted(waiting, blocker));
				}
				continue;
			}
			logger.info("Sent {} partition request(s) to the workers", next.size());
			Set<StepExecution> ended = super.doHandle(manager, next);
			results.addAll(ended);
			List<String> unfinished = ended.stream()
				.filter(step -> step.getStatus() != BatchStatus.COMPLETED)
				.map(StepExecution::getStepName)
				.sorted()
				.toList();
			if (!unfinished.isEmpty()) {
				blocker = String.join(", ", unfinished);
			}
		}
		return results;
	}

	private StepExecution notStarted(StepExecution step, String blocker) {
		step.setStatus(BatchStatus.STOPPED);
		step.setExitStatus(ExitStatus.STOPPED
			.addExitDescription("Not started: it runs after " + blocker + ", which did not complete"));
		step.setStartTime(LocalDateTime.now());
		step.setEndTime(LocalDateTime.now());
		jobRepository.update(step);
		return step;
	}

}
