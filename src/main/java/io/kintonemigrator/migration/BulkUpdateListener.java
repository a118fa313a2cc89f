package io.kintonemigrator.migration;

/**
 * Told about the two instants exactly-once rests on (docs/reliability.md, "The crash
 * window"), on the writer's thread, around each bulk update of target records:
 * {@link #beforeUpdate()} once the update's INTENT rows are committed and its files
 * uploaded, {@link #afterUpdate()} once kintone accepted it, before the chunk's
 * transaction commits. The job uses the bean of this type when there is one, else
 * {@link #NONE}; the crash tests install one that halts the JVM at a chosen update. A
 * listener that throws fails the chunk as the update's own failure would.
 */
public interface BulkUpdateListener {

	/** Does nothing: the job's default. */
	BulkUpdateListener NONE = new BulkUpdateListener() {
	};

	/** Intents committed, files uploaded; the update is about to be sent. */
	default void beforeUpdate() {
	}

	/** kintone applied the update; the chunk has not committed yet. */
	default void afterUpdate() {
	}

}
