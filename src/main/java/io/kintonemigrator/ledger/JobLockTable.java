package io.kintonemigrator.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of {@code KAM_JOB_LOCK}, one per locked job. Heartbeats are in database time;
 * every change of a row moves its beat counter, and every statement names the owner token
 * (and, for a take-over, the beat) it expects, so of two processes racing for a row only
 * one wins. Every statement commits at once. Thread-safe.
 */
final class JobLockTable {

	private final JdbcTemplate jdbc;

	JobLockTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes the row of a job nobody holds.
	 * @throws DuplicateKeyException when the job already has a row
	 */
	void insert(String job, String owner, ProcessIdentity process) {
		jdbc.update(
				"INSERT INTO KAM_JOB_LOCK (JOB_NAME, OWNER, HOST, PID, PROCESS_SPACE, ACQUIRED_AT, HEARTBEAT_AT, "
						+ "BEAT) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)",
				job, owner, process.host(), process.pid(), process.processSpace());
	}

	/**
	 * Replaces {@code stale} with {@code process} under the new owner token, if the row
	 * is still as {@code stale} read it; whether it was.
	 */
	boolean takeOver(String job, String owner, ProcessIdentity process, JobLocks.Holder stale) {
		return jdbc.update(
				"UPDATE KAM_JOB_LOCK SET OWNER = ?, HOST = ?, PID = ?, PROCESS_SPACE = ?, "
						+ "ACQUIRED_AT = CURRENT_TIMESTAMP, HEARTBEAT_AT = CURRENT_TIMESTAMP, BEAT = BEAT + 1 "
						+ "WHERE JOB_NAME = ? AND OWNER = ? AND BEAT = ?",
				owner, process.host(), process.pid(), process.processSpace(), job, stale.owner(), stale.beat()) == 1;
	}

	/** Renews the row if {@code owner} still holds it; whether it did. */
	boolean renew(String job, String owner) {
		return jdbc.update("UPDATE KAM_JOB_LOCK SET HEARTBEAT_AT = CURRENT_TIMESTAMP, BEAT = BEAT + 1 "
				+ "WHERE JOB_NAME = ? AND OWNER = ?", job, owner) == 1;
	}

	/** Deletes the row if {@code owner} still holds it. */
	void delete(String job, String owner) {
		jdbc.update("DELETE FROM KAM_JOB_LOCK WHERE JOB_NAME = ? AND OWNER = ?", job, owner);
	}

	/** The job's row, read with the database's clock. */
	Optional<JobLocks.Holder> holder(String job) {
		List<JobLocks.Holder> rows = jdbc.query(
				"SELECT OWNER, HOST, PID, PROCESS_SPACE, ACQUIRED_AT, HEARTBEAT_AT, BEAT, "
						+ "CURRENT_TIMESTAMP FROM KAM_JOB_LOCK WHERE JOB_NAME = ?",
				(rs, i) -> new JobLocks.Holder(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
						rs.getObject(5, OffsetDateTime.class).toInstant(),
						rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getLong(7),
						rs.getObject(8, OffsetDateTime.class).toInstant()),
				job);
		return rows.stream().findFirst();
	}

}
