package io.kintonemigrator.ledger;

import java.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Applies {@code sql/ledger-h2.sql} or {@code sql/ledger-postgresql.sql} (chosen from the
 * database's product name). The scripts only create what is missing, so this runs at
 * every startup. On H2 it also makes every commit durable at once (see
 * {@link #makeCommitsDurable}).
 */
public final class LedgerSchema {

	/**
	 * The bean name the ledger's repositories depend on ({@link LedgerConfiguration}).
	 */
	public static final String BEAN = "ledgerSchema";

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
