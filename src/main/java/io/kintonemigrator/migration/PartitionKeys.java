package io.kintonemigrator.migration;

/**
 * Keys of the step ExecutionContext the {@link PairPartitioner} writes for each
 * partition, and everything a worker reads to migrate it (with {@code @StepScope} beans,
 * from {@code #{stepExecutionContext[...]}}): part of the contract of
 * {@link PartitionedMigrationConfiguration}. Stable: a restart reads the contexts of
 * earlier executions.
 */
public final class PartitionKeys {

	/**
	 * String: the absolute path of the partition's job file (read again by the worker).
	 */
	public static final String JOB_FILE = "kam.partition.jobFile";

	/** String: the job's {@code name}, i.e. the app pair (the ledger's job name). */
	public static final String PAIR = "kam.partition.pair";

	/**
	 * Long: the partition reads source records with {@code $id} above this (0: from the
	 * first).
	 */
	public static final String AFTER_ID = "kam.partition.afterId";

	/**
	 * Long: ... and at most this ({@link Long#MAX_VALUE}: no upper bound).
	 */
	public static final String TO_ID = "kam.partition.toId";

	/**
	 * Int: the pair's wave ({@link PairOrder}): a partition of wave {@code n} starts once
	 * every partition of the waves before completed.
	 */
	public static final String WAVE = "kam.partition.wave";

	private PartitionKeys() {
	}

}
