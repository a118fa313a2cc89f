package io.kintonemigrator.remote;

import java.util.Map;

import io.kintonemigrator.cli.JobDatabase;
import org.jspecify.annotations.Nullable;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code migrate}'s options of remote partitioning (docs/remote-partitioning.md), a
 * picocli mixin: {@code --role local|manager|worker} and {@code --embedded-broker}.
 */
public class RemoteOptions {

	@Option(names = "--role", paramLabel = "ROLE", defaultValue = "local", converter = RoleConverter.class,
			description = { "local (default): the partitions run in this process.",
					"manager: send them to workers over the broker (spring.artemis.broker-url) and wait.",
					"worker: run the partitions managers send, until stopped; no --job.",
					"Manager and workers share the job database (PostgreSQL, --database)." })
	RemoteRole role = RemoteRole.LOCAL;

	@Option(names = "--embedded-broker", description = "With --role manager: run the broker inside this process, on "
			+ "kam.remote.embedded-broker-url (default tcp://127.0.0.1:61616), for tests and a one-machine trial.")
	boolean embeddedBroker;

	public RemoteRole role() {
		return role;
	}

	/**
	 * One line naming what is wrong with these options for the job database
	 * {@code --database} (null: {@code spring.datasource.url}), or null.
	 */
	public @Nullable String problem(@Nullable String database) {
		String broker = role.embeddedBrokerProblem(embeddedBroker);
		if (broker != null) {
			return broker;
		}
		return role == RemoteRole.LOCAL ? null : role.databaseProblem(JobDatabase.url(database));
	}

	/** The context properties of the role. */
	public Map<String, Object> properties() {
		return role.properties(embeddedBroker);
	}

	/** {@code local}, {@code manager} or {@code worker}, in any case. */
	static final class RoleConverter implements ITypeConverter<RemoteRole> {

		@Override
		public RemoteRole convert(String value) {
			for (RemoteRole candidate : RemoteRole.values()) {
				if (candidate.label().equalsIgnoreCase(value)) {
					return candidate;
				}
			}
			throw new TypeConversionException("--role takes local, manager or worker, not '" + value + "'");
		}

	}

}
