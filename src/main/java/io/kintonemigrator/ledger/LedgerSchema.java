package io.kintonemigrator.ledger;

import java.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Applies {@code sql/ledger-h2.sql} or {@code sql/ledger-postgresql.sql} (chosen from the
 * database's product name). The scripts only create what is missing, so this runs at
 * every startup. On H2 it also makes every commit durable at once (see
 * {@link #makeCommitsDurable}) and keeps the ids of Spring Batch's executions free of
 * gaps after a crash (see {@link #uncacheBatchSequences}). The bean that applies it runs
 * after Spring Batch's own schema script ({@code @DependsOnDatabaseInitialization}).
 */
public final class LedgerSchema {

	/**
	 * The bean name the ledger's repositories depend on ({@link LedgerConfiguration}).
	 */
	public static final String BEAN = "ledgerSchema";

	/** The sequences of Spring Batch's job repository (its {@code schema-h2.sql}). */
	static final List<String> BATCH_SEQUENCES = List.of("BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_EXECUTION_SEQ",
			"BATCH_STEP_EXECUTION_SEQ");

	private LedgerSchema() {
	}

	/**
	 * Applies the script for this database; the result marks it applied (a bean others
	 * depend on).
	 */
	public static LedgerSchema apply(DataSource dataSource) {
		String platform = platform(dataSource);
		new ResourceDatabasePopulator(new ClassPathResource("sql/ledger-" + platform + ".sql")).execute(dataSource);
		if ("h2".equals(platform)) {
			makeCommitsDurable(dataSource);
			uncacheBatchSequences(dataSource);
		}
		return new LedgerSchema();
	}

	/**
	 * H2 writes committed transactions to its file up to a second later by default, so a
	 * killed process loses its last commits: an intent written just before an update
	 * kintone accepted, or the chunk's checkpoint. With no write delay each commit
	 * reaches the file at once (the setting is kept in the database).
	 */
	private static void makeCommitsDurable(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SET WRITE_DELAY 0");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot switch off H2's write delay (" + ex.getMessage()
					+ "); add ;WRITE_DELAY=0 to spring.datasource.url", ex);
		}
	}

	/**
	 * H2 hands out sequence values from a cache of 32 and records only the end of the
	 * cache in the file, so after a process was killed the next execution id jumped from
	 * 1 to 33 (the id names the execution in {@code status} and its reports' folder).
	 * Without a cache every value is recorded as it is taken: the next id after a crash
	 * is the next number. Spring Batch takes a few values per execution, so the cost is
	 * nil. The setting is kept in the database; a sequence that does not exist yet
	 * (Spring Batch's schema not applied) is left alone.
	 */
	private static void uncacheBatchSequences(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String sequence : BATCH_SEQUENCES) {
				statement.execute("ALTER SEQUENCE IF EXISTS " + sequence + " NO CACHE");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot switch off the cache of Spring Batch's sequences in H2 ("
					+ ex.getMessage() + "); check that the job database is writable", ex);
		}
	}

	private static String platform(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("h2")) {
				return "h2";
			}
			if (product.contains("postgres")) {
				return "postgresql";
			}
			throw new IllegalStateException("the ledger supports H2 and PostgreSQL, not " + product
					+ "; point spring.datasource.url at one of them");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot reach the database to apply the ledger schema: " + ex.getMessage(),
					ex);
		}
	}

}
