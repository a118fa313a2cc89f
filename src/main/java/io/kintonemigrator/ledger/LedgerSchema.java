package io.kintonemigrator.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Applies {@code sql/ledger-h2.sql} or {@code sql/ledger-postgresql.sql} (chosen from the
 * database's product name). The scripts only create what is missing, so this runs at every
 * startup.
 */
public final class LedgerSchema {

	private LedgerSchema() {
	}

	public static void apply(DataSource dataSource) {
		String script = "sql/ledger-" + platform(dataSource) + ".sql";
		new ResourceDatabasePopulator(new ClassPathResource(script)).execute(dataSource);
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
			throw new IllegalStateException("cannot reach the database to apply the ledger schema: " + ex.getMessage(), ex);
		}
	}

}
