package io.kintonemigrator.remote;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.migration.StopRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

/**
 * {@code migrate --role worker}: starts the application context as a worker
 * ({@link RemoteWorkerConfiguration}) and serves partition requests until stopped.
 * <p>
 * SIGTERM (or Ctrl-C) stops it cleanly: it takes no more requests, asks the partitions it
 * runs to stop at their next chunk boundary (they end STOPPED, and the manager's next run
 * resumes them from their last checkpoint), waits for them to record that, closes the
 * context and exits 0. A worker killed outright (SIGKILL, a lost machine) leaves its
 * partition running in the job repository; the manager notices within one lease
 * ({@code kam.lock.lease}) and fails it.
 */
public final class RemoteWorker {

	private static final Logger logger = LoggerFactory.getLogger(RemoteWorker.class);

	private static final Duration WAIT_STEP = Duration.ofMillis(200);

	private RemoteWorker() {
	}

	/**
	 * Runs a worker with the command's context properties (the job database among them);
	 * returns only when the context cannot start (the exit code), else the JVM ends from
	 * its shutdown hook.
	 * @param database {@code --database}, or null for {@code spring.datasource.url}
	 */
	public static int serve(@Nullable String database, Map<String, Object> properties, PrintWriter err)
			throws InterruptedException {
		String problem = RemoteRole.WORKER.databaseProblem(JobDatabase.url(database));
		if (problem != null) {
			err.println(problem);
			err.flush();
			return ExitCodes.USAGE;
		}
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.putAll(RemoteRole.WORKER.properties(false));
		ConfigurableApplicationContext context = MigratorContext.start(all, new JobConfigLoader());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(context, stopped), "worker-stop"));
		RemoteProperties remote = context.getBean(RemoteProperties.class);
		logger.info("Worker ready: taking partition requests from queue {} ({} at a time)", remote.queue(),
				remote.workerPartitions());
		stopped.await();
		return ExitCodes.COMPLETED;
	}

	private static void stop(ConfigurableApplicationContext context, CountDownLatch stopped) {
		PartitionRequestHandler handler = context.getBean(PartitionRequestHandler.class);
		logger.info("Worker stopping: no more requests; {} running partition(s) stop at their next chunk boundary",
				handler.running());
		context.getBean(StopRequest.class).request();
		context.getBean(RemoteWorkerConfiguration.LISTENER, Lifecycle.class).stop();
		try {
			while (handler.running() > 0) {
				Thread.sleep(WAIT_STEP.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		context.close();
		logger.info("Worker stopped");
		stopped.countDown();
		System.out.flush();
		System.err.flush();
		Runtime.getRuntime().halt(ExitCodes.COMPLETED);
	}

}
