package io.kintonemigrator.remote;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code migrate} process does with the partitions of a run: runs them itself
 * ({@link #LOCAL}), sends them to workers and waits for them ({@link #MANAGER}), or runs
 * the partitions managers send ({@link #WORKER}). The property {@value #PROPERTY} carries
 * it into the application context.
 */
public enum RemoteRole {

	/** Partitions run in this process: the default, unchanged by remote partitioning. */
	LOCAL,

	/** Sends the partitions to workers over the broker and polls the job repository. */
	MANAGER,

	/** Runs partitions sent by any manager until stopped. */
	WORKER;

	/** The Spring property that selects the role. */
	public static final String PROPERTY = "kam.remote.role";

	/** The Spring property that starts a broker inside the manager. */
	public static final String EMBEDDED_BROKER_PROPERTY = "kam.remote.embedded-broker";

	/** The role's name on the command line and in the property. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The context properties of this role ({@code embeddedBroker}: manager only). */
	public Map<String, Object> properties(boolean embeddedBroker) {
		return embeddedBroker ? Map.of(PROPERTY, label(), EMBEDDED_BROKER_PROPERTY, "true") : Map.of(PROPERTY, label());
	}

	/**
	 * One line naming what keeps this role from running on the job database {@code url},
	 * or null when nothing does: a manager and its workers share the job repository and
	 * the ledger, which an H2 file (opened by one process at a time) cannot be (an H2
	 * server, {@code jdbc:h2:tcp:}, can).
	 * @param url the job database's JDBC URL, null for the default H2 file
	 */
	public @Nullable String databaseProblem(@Nullable String url) {
		String lower = url == null ? "jdbc:h2:" : url.toLowerCase(Locale.ROOT);
		boolean oneProcessOnly = lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:")
				&& !lower.startsWith("jdbc:h2:ssl:");
		if (this == LOCAL || !oneProcessOnly) {
			return null;
		}
		return "--role " + label() + " needs the job database the manager and its workers share (PostgreSQL): "
				+ "pass --database jdbc:postgresql://HOST:PORT/DB (credentials via SPRING_DATASOURCE_USERNAME / "
				+ "SPRING_DATASOURCE_PASSWORD).";
	}

	/**
	 * One line naming what is wrong with the broker options, or null: only a manager can
	 * hold the broker.
	 */
	public @Nullable String embeddedBrokerProblem(boolean embeddedBroker) {
		return embeddedBroker && this != MANAGER
				? "--embedded-broker runs the broker inside the manager: use it with --role manager only." : null;
	}

}
