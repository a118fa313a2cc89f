package io.kintonemigrator.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One lock per job in the database (table {@code KAM_JOB_LOCK}), so runs of a job never
 * overlap, also between machines that share a PostgreSQL repository.
 *
 * <p>
 * The holder's row names it (host, pid, since when) and carries a heartbeat in database
 * time, renewed every third of the lease by a daemon thread. Each acquisition has its own
 * random owner token: only that token renews, fences and releases the row, so two
 * processes that look alike (two containers with one host name, both pid 1) can never
 * both hold it. A row stays valid while its heartbeat is younger than the lease; a holder
 * killed with SIGKILL therefore blocks other machines for at most one lease, and none in
 * its own process space, where a holder whose process is gone is replaced at once. The
 * process space ({@code PROCESS_SPACE}: Linux boot id and pid namespace) tells whether a
 * pid can be checked from here at all: a host name alone cannot, since containers share
 * host names and pids. Taking over is a conditional update on the beat counter, so of two
 * processes racing for a stale row only one wins.
 *
 * <p>
 * The rows are {@link JobLockTable}'s, the heartbeat {@link LockHeartbeat}'s. A holder
 * that stalled for longer than the lease may have been replaced while it thinks it still
 * runs: it is fenced by {@link #verifyHeld}, which the writer calls right before each
 * update sent to kintone. Every statement commits at once. Thread-safe.
 */
public class JobLocks implements LeaseFence {

	private static final Logger logger = LoggerFactory.getLogger(JobLocks.class);

	private final JobLockTable table;

	private final Duration lease;

	private final ProcessIdentity process;

	/** The locks this process holds, by job: what {@link #verifyHeld} checks. */
	private final Map<String, Held> held = new ConcurrentHashMap<>();

	public JobLocks(JdbcTemplate jdbc, Duration lease) {
		this(jdbc, lease, ProcessIdentity.current());
	}

	/**
	 * A process on {@code host} with {@code pid}, in this process's process space
	 * (tests).
	 */
	JobLocks(JdbcTemplate jdbc, Duration lease, String host, long pid) {
		this(jdbc, lease, host, pid, ProcessIdentity.localProcessSpace());
	}

	/**
	 * @param processSpace where {@code pid} means one process (null: unknown, so no
	 * holder is ever taken for dead by its pid, only by its heartbeat)
	 */
	JobLocks(JdbcTemplate jdbc, Duration lease, String host, long pid, @Nullable String processSpace) {
		this(jdbc, lease, new ProcessIdentity(host, pid, processSpace));
	}

	private JobLocks(JdbcTemplate jdbc, Duration lease, ProcessIdentity process) {
		this.table = new JobLockTable(jdbc);
		this.lease = lease;
		this.process = process;
	}

	/**
	 * Takes the job's lock or says who holds it.
	 * @throws JobLockedException when another live process holds it
	 */
	public Held acquire(String job) {
		String owner = UUID.randomUUID().toString();
		try {
			table.insert(job, owner, process);
			return new Held(job, owner);
		}
		catch (DuplicateKeyException ex) {
			Holder holder = holder(job).orElse(null);
			if (holder == null) {
				return acquire(job); // released in between
			}
			boolean dead = holder.deadIn(process.host(), process.processSpace());
			if (!holder.expired(lease) && !dead) {
				throw new JobLockedException(job, holder, lease);
			}
			if (!table.takeOver(job, owner, process, holder)) {
				throw new JobLockedException(job, holder(job).orElse(holder), lease);
			}
			logger.warn("Took over the lock of job '" + job + "' from " + holder.describe()
					+ (dead ? " (that process is gone)" : " (its heartbeat expired)"));
			return new Held(job, owner);
		}
	}

	/**
	 * The fence: renews the job's lock if this process still holds it under the owner
	 * token it got, and throws otherwise. Renewing moves the beat counter, so a process
	 * that read the row as stale a moment ago cannot take it over any more; after this
	 * returns, no other run can hold the lock for at least one lease. A job this process
	 * never locked (a test that runs the job directly) passes.
	 * @throws LeaseLostException when another run has taken the lock over
	 */
	@Override
	public void verifyHeld(String job) {
		Held lock = held.get(job);
		if (lock != null && !table.renew(job, lock.owner)) {
			throw new LeaseLostException(job, holder(job).orElse(null));
		}
	}

	/** The current holder of a job's lock, if any. */
	public Optional<Holder> holder(String job) {
		return table.holder(job);
	}

	/**
	 * Who holds a lock.
	 *
	 * @param processSpace where its pid is valid (null: unknown, or written by an earlier
	 * version)
	 * @param databaseNow the database's clock when the row was read (heartbeats are in
	 * its time)
	 */
	public record Holder(String owner, String host, long pid, @Nullable String processSpace, Instant since,
			Instant heartbeat, long beat, Instant databaseNow) {

		boolean expired(Duration lease) {
			return heartbeat.plus(lease).isBefore(databaseNow);
		}

		/**
		 * Its process is gone, as far as this process can tell: only in the same host and
		 * process space.
		 */
		boolean deadIn(String localHost, @Nullable String localProcessSpace) {
			return host.equals(localHost) && processSpace != null && processSpace.equals(localProcessSpace)
					&& ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
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

		private final LockHeartbeat heartbeat;

		private Held(String job, String owner) {
			this.job = job;
			this.owner = owner;
			this.heartbeat = new LockHeartbeat(table, job, owner, lease);
			held.put(job, this);
		}

		public String job() {
			return job;
		}

		/**
		 * The random token of this acquisition: only it renews, fences and releases the
		 * row.
		 */
		public String owner() {
			return owner;
		}

		/** Stops the heartbeat and deletes the row if this process still owns it. */
		@Override
		public void close() {
			heartbeat.stop();
			held.remove(job, this);
			table.delete(job, owner);
		}

	}

}
