package io.kintonemigrator.migration;

/**
 * A request, from outside the step (a signal handler), that the {@code migrate} step
 * running in this process stop at its next chunk boundary. The step's own thread sees it
 * there ({@link RunControlListener}) and ends STOPPED, restartable. Nothing but the
 * step's thread writes the step execution, so the request can never collide with a chunk
 * commit (Spring Batch's {@code JobOperator.stop} updates the step execution from the
 * caller's thread and can make the chunk's own update fail on its version). Thread-safe;
 * one per process.
 */
public final class StopRequest {

	private volatile boolean requested;

	/**
	 * Asks the running step (or the next one to start) to stop at its next chunk
	 * boundary.
	 */
	public void request() {
		requested = true;
	}

	public boolean isRequested() {
		return requested;
	}

}
