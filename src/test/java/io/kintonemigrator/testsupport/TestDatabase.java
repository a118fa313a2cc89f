package io.kintonemigrator.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The database of a test's job repository and ledger: an H2 file, or a fresh schema in
 * the PostgreSQL server named by the system properties {@code kam.test.postgresql.url},
 * {@code .username} and {@code .password} (Maven profile {@code postgresql};
 * {@code .ci/run} starts the server).
 */
public record TestDatabase(String url, String username, String password) {

	public static final String POSTGRESQL_URL = "kam.test.postgresql.url";

	public static TestDatabase h2(Path file) {
		return new TestDatabase("jdbc:h2:file:" + file, "sa", "");
	}

	/**
	 * Creates an empty schema in the test server and returns a database whose connections
	 * use it, so every story starts without job instances or ledger rows. Fails when the
	 * server is unreachable.
	 */
	public static TestDatabase postgresqlSchema() {
		String base = System.getProperty(POSTGRESQL_URL);
		if (base == null || base.isBlank()) {
			throw new IllegalStateException("no PostgreSQL test server: set -D" + POSTGRESQL_URL
					+ " (the Maven profile postgresql does, see .ci/run)");
		}
		String username = System.getProperty("kam.test.postgresql.username", "kam_test");
		String password = System.getProperty("kam.test.postgresql.password", "kam_test");
		String schema = "kam_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(base, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"cannot create a schema on the PostgreSQL test server " + base + ": " + ex.getMessage(), ex);
		}
		return new TestDatabase(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, username,
				password);
	}

	/**
	 * One {@link #postgresqlSchema()} for a test, created when first asked for, so every
	 * child JVM of the test uses the same schema.
	 */
	public static Supplier<TestDatabase> onePostgresqlSchema() {
		TestDatabase[] schema = new TestDatabase[1];
		return () -> {
			if (schema[0] == null) {
				schema[0] = postgresqlSchema();
			}
			return schema[0];
		};
	}

	/** The {@code -D} options that point a child JVM at this database. */
	public List<String> systemProperties() {
		return List.of("-Dspring.datasource.url=" + url, "-Dspring.datasource.username=" + username,
				"-Dspring.datasource.password=" + password);
	}

}
