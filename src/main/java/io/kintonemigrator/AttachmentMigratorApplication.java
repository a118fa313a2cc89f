package io.kintonemigrator;

import io.kintonemigrator.cli.ClientConfiguration;
import io.kintonemigrator.config.MigratorProperties;
import io.kintonemigrator.launch.LaunchConfiguration;
import io.kintonemigrator.launch.PairsLaunchConfiguration;
import io.kintonemigrator.launch.ScheduleConfiguration;
import io.kintonemigrator.ledger.LedgerConfiguration;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.PartitionedMigrationConfiguration;
import io.kintonemigrator.remote.RemoteManagerConfiguration;
import io.kintonemigrator.remote.RemoteWorkerConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application. {@link #main} hands the command line to
 * {@link MigratorCli}, which starts this application context only for the commands that
 * run the job.
 * <p>
 * The configuration classes are listed in {@link Import @Import}, not found by a
 * component scan: a scan reads every class file of the application (591) on each start to
 * find these nine, 7% of {@code migrate}'s main thread before its first request
 * (docs/benchmarks.md, "Third round"). {@code ApplicationConfigurationsTests} fails when
 * a {@code @Configuration} class is missing from the list.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(MigratorProperties.class)
@Import({ ClientConfiguration.class, LedgerConfiguration.class, AttachmentMigrationJobConfiguration.class,
		PartitionedMigrationConfiguration.class, LaunchConfiguration.class, PairsLaunchConfiguration.class,
		ScheduleConfiguration.class, RemoteManagerConfiguration.class, RemoteWorkerConfiguration.class })
public class AttachmentMigratorApplication {

	public static void main(String[] args) {
		System.exit(MigratorCli.execute(args));
	}

}
