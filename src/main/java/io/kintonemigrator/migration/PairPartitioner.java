package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per app pair (job file), or {@code partitions} of them for a job that
 * asks for {@code $id} ranges ({@link IdRanges}). Each partition's ExecutionContext holds
 * the {@link PartitionKeys}. Partition names are the job's name, or
 * {@code <name>#<i>of<n>} for range {@code i} of {@code n}: they depend on the job files
 * only, so a restart names the same partitions without asking kintone
 * ({@link PartitionNameProvider}) and reuses each one's earlier context.
 */
public class PairPartitioner implements Partitioner, PartitionNameProvider {

	private final List<Path> jobFiles;

	private final JobConfigLoader loader;

	private final Function<JobConfig, MigrationRun> runs;

	/**
	 * @param runs opens a run of a job (its source client is metered like any), used to
	 * find the ranges of a job that asks for several; closed right after
	 */
	public PairPartitioner(List<Path> jobFiles, JobConfigLoader loader, Function<JobConfig, MigrationRun> runs) {
		this.jobFiles = List.copyOf(jobFiles);
		this.loader = loader;
		this.runs = runs;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<JobConfig> pairs = pairs();
		Map<String, Integer> waves = PairOrder.waves(pairs);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int p = 0; p < pairs.size(); p++) {
			JobConfig pair = pairs.get(p);
			List<IdRange> ranges = ranges(pair);
			for (int i = 0; i < ranges.size(); i++) {
				ExecutionContext context = new ExecutionContext();
				context.putString(PartitionKeys.JOB_FILE, jobFiles.get(p).toAbsolutePath().normalize().toString());
				context.putString(PartitionKeys.PAIR, pair.name());
				context.putLong(PartitionKeys.AFTER_ID, ranges.get(i).afterId());
				context.putLong(PartitionKeys.TO_ID, ranges.get(i).toId());
				context.putInt(PartitionKeys.WAVE, waves.get(pair.name()));
				partitions.put(name(pair, i), context);
			}
		}
		return partitions;
	}

	@Override
	public List<String> getPartitionNames(int gridSize) {
		List<String> names = new ArrayList<>();
		for (JobConfig pair : pairs()) {
			for (int i = 0; i < pair.partitions(); i++) {
				names.add(name(pair, i));
			}
		}
		return names;
	}

	private List<JobConfig> pairs() {
		return jobFiles.stream().map(loader::load).toList();
	}

	private List<IdRange> ranges(JobConfig pair) {
		if (pair.partitions() <= 1) {
			return List.of(IdRange.ALL);
		}
		MigrationRun run = runs.apply(pair);
		try {
			return IdRanges.split(run.source(), pair.query(), pair.partitions());
		}
		finally {
			run.destroy();
		}
	}

	/** The partition of range {@code index} of a pair. */
	static String name(JobConfig pair, int index) {
		return pair.partitions() <= 1 ? pair.name() : pair.name() + "#" + (index + 1) + "of" + pair.partitions();
	}

}
