package io.kintonemigrator.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;

/**
 * Where a SIGKILL landed, told from what the dead process left: the ledger's INTENT rows
 * it wrote (read from its H2 file once it is dead) and the emulator's state.
 */
enum KillOutcome {

	/** Nothing moved yet in this life: JVM start-up, preflight, reading, reconciling. */
	BEFORE_MOVING_FILES,
	/** Files of a chunk were moving (downloads, uploads), no update sent yet. */
	MID_CHUNK,
	/** Intents committed, then killed before kintone applied the bulk update. */
	MID_UPDATE_NOT_APPLIED,
	/**
	 * kintone applied the bulk update, the chunk's transaction had not committed: the
	 * window the ledger exists for.
	 */
	MID_UPDATE_APPLIED_NOT_COMMITTED;

	static KillOutcome of(String databaseUrl, Instant lifeStarted, long uploadsInLife, KintoneEmulator emulator)
			throws Exception {
		boolean intents = false;
		boolean applied = false;
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				PreparedStatement query = connection.prepareStatement("SELECT TARGET_RECORD, BASE_REVISION "
						+ "FROM KAM_LEDGER WHERE STATUS = 'INTENT' AND UPDATED_AT >= ?")) {
			query.setTimestamp(1, Timestamp.from(lifeStarted));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					intents = true;
					StoredRecord target = emulator.record(2, rows.getLong(1)).orElseThrow();
					applied |= target.revision() > rows.getLong(2);
				}
			}
		}
		catch (SQLException ex) {
			if (!String.valueOf(ex.getMessage()).contains("KAM_LEDGER")) {
				throw ex;
			}
			// killed before the ledger's table was created
		}
		if (applied) {
			return MID_UPDATE_APPLIED_NOT_COMMITTED;
		}
		if (intents) {
			return MID_UPDATE_NOT_APPLIED;
		}
		return uploadsInLife > 0 ? MID_CHUNK : BEFORE_MOVING_FILES;
	}

}
