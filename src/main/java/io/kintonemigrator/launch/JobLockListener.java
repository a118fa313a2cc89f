package io.kintonemigrator.launch;

/**
 * Told once this process holds a job's lock, before the run starts, on the command's
 * thread; the run goes on when it returns, still holding the lock (its heartbeat keeps
 * renewing it). The command uses the bean of this type when there is one, else
 * {@link #NONE}; the overlap tests install one that holds the lock until they let the run
 * go on. A listener that throws ends the run as a failure of the run would, and the lock
 * is released.
 */
public interface JobLockListener {

	/** Does nothing: the command's default. */
	JobLockListener NONE = jobName -> {
	};

	/** This process holds the lock of the job named {@code jobName}. */
	void lockHeld(String jobName) throws Exception;

}
