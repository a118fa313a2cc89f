package io.kintonemigrator.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One lock per job in the database (table {@code KAM_JOB_LOCK}), so runs of a job never overlap,
 * also between machines that share a PostgreSQL repository.
 *
 * <p>The holder's row names it (host, pid, since when) and carries a heartbeat in database time,
 * renewed every third of the lease by a daemon thread. A row stays valid while its heartbeat is
 * younger than the lease; a holder killed with SIGKILL therefore blocks other hosts for at most one
 * lease, and none on its own host, where a holder whose process is gone is replaced at once. Taking
 * over is a conditional update on the beat counter, so of two processes racing for a stale row only
 * one wins. Every statement commits at once. Thread-safe.
 */
public class JobLocks {

	private static final Log logger = LogFactory.getLog(JobLocks.class);

	private final JdbcTemplate jdbc;

	private final Duration lease;

	private final String host;

	private final long pid;

	public JobLocks(JdbcTemplate jdbc, Duration lease) {
		this(jdbc, lease, localHost(), ProcessHandle.current().pid());
	}

	JobLocks(JdbcTemplate jdbc, Duration lease, String host, long pid) {
		this.jdbc = jdbc;
		this.lease = lease;
		this.host = host;
		this.pid = pid;
	}

	/**
	 * Takes the job's lock or says who holds it.
	 * @throws JobLockedException when another live process holds it
	 */
	public Held acquire(String job) {
		String owner = UUID.randomUUID().toString();
		try {
			jdbc.update("INSERT INTO KAM_JOB_LOCK (JOB_NAME, OWNER, HOST, PID, ACQUIRED_AT, HEARTBEAT_AT, BEAT) "
					+ "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)", job, owner, host, pid);
			return new Held(job, owner);
		}
		catch (DuplicateKeyException ex) {
			Holder holder = holder(job).orElse(null);
			if (holder == null) {
				return acquire(job); // released in between
			}
			if (!holder.expired(lease) && !holder.deadOn(host)) {
				throw new JobLockedException(job, holder, lease);
			}
			int taken = jdbc.update("UPDATE KAM_JOB_LOCK SET OWNER = ?, HOST = ?, PID = ?, ACQUIRED_AT = CURRENT_TIMESTAMP, "
					+ "HEARTBEAT_AT = CURRENT_TIMESTAMP, BEAT = BEAT + 1 WHERE JOB_NAME = ? AND OWNER = ? AND BEAT = ?",
					owner, host, pid, job, holder.owner(), holder.beat());
			if (taken != 1) {
				throw new JobLockedException(job, holder(job).orElse(holder), lease);
			}
			logger.warn("Took over the lock of job '" + job + "' from " + holder.describe()
					+ (holder.deadOn(host) ? " (that process is gone)" : " (its heartbeat expired)"));
			return new Held(job, owner);
		}
	}

	/** The current holder of a job's lock, if any. */
	public Optional<Holder> holder(String job) {
		List<Holder> rows = jdbc.query("SELECT OWNER, HOST, PID, ACQUIRED_AT, HEARTBEAT_AT, BEAT, CURRENT_TIMESTAMP "
				+ "FROM KAM_JOB_LOCK WHERE JOB_NAME = ?",
				(rs, i) -> new Holder(rs.getString(1), rs.getString(2), rs.getLong(3),
						rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
						rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant()),
				job);
		return rows.stream().findFirst();
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
		}
	}

	/**
	 * Who holds a lock.
	 * @param databaseNow the database's clock when the row was read (heartbeats are in its time)
	 */
	public record Holder(String owner, String host, long pid, Instant since, Instant heartbeat, long beat,
			Instant databaseNow) {

		boolean expired(Duration lease) {
			return heartbeat.plus(lease).isBefore(databaseNow);
		}

		boolean deadOn(String localHost) {
			return host.equals(localHost) && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
		}

		public String describe() {
			return "process " + pid + " on host " + host + " (running since " + since + ", last heartbeat " + heartbeat
					+ ")";
		}

	}

	/** A held lock: renewed in the background until {@link #close()} releases it. */
	public final class Held implements AutoCloseable {

		private final String job;

		private final String owner;

		private final ScheduledExecutorService heartbeat;

		private Held(String job, String owner) {
			this.job = job;
			this.owner = owner;
			this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread thread = new Thread(task, "job-lock-heartbeat");
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(1, lease.toMillis() / 3);
			heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
		}

		public String job() {
			return job;
		}

		private void beat() {
			try {
				int renewed = jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = CURRENT_TIMESTAMP, BEAT = BEAT + 1 "
						+ "WHERE JOB_NAME = ? AND OWNER = ?", job, owner);
				if (renewed == 0) {
					logger.error("The lock of job '" + job + "' was taken over by another process while this one "
							+ "still runs it (the heartbeat was late by more than the lease " + lease + ")");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not renew the lock of job '" + job + "': " + ex.getMessage());
			}
		}

		/** Stops the heartbeat and deletes the row if this process still owns it. */
		@Override
		public void close() {
			heartbeat.shutdownNow();
			jdbc.update("DELETE FROM KAM_JOB_LOCK WHERE JOB_NAME = ? AND OWNER = ?", job, owner);
		}

	}

}
