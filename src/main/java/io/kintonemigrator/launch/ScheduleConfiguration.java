package io.kintonemigrator.launch;

import io.kintonemigrator.config.MigratorProperties;

import io.kintonemigrator.cli.H2DatabaseOwner;

import java.time.Clock;

import javax.sql.DataSource;

import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.ledger.JobWatermarks;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job lock, the watermark of incremental runs and the run that uses both. Properties:
 * {@code kam.lock.lease} (default 60 s: how long a holder that stopped renewing blocks
 * other hosts), {@code kam.incremental.safety-margin} (default 2 min, subtracted from a
 * completed run's start) and {@code kam.database.outage-timeout} (default 3 min: how long
 * a run waits for an unreachable job database before it ends with exit code 1, see
 * {@link DatabaseOutageWatch}).
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

	@Bean
	DatabaseOutageWatch databaseOutageWatch(DataSource dataSource, MigratorProperties properties) {
		return new DatabaseOutageWatch(dataSource, properties.database().outageTimeout(), System.err,
				Runtime.getRuntime()::halt);
	}

	@Bean
	ExclusiveRun exclusiveRun(JobLocks locks, MigrationLauncher launcher, JobWatermarks watermarks,
			JobRepository jobRepository, Clock clock, DatabaseOutageWatch outageWatch,
			ObjectProvider<JobLockListener> lockListener) {
		return new ExclusiveRun(locks, launcher, new IncrementalRuns(launcher, watermarks, jobRepository, clock),
				outageWatch, lockListener.getIfAvailable(() -> JobLockListener.NONE));
	}

	/** On an H2 file: says who has it open, for a second process that H2 refuses. */
	@Bean
	H2DatabaseOwner h2DatabaseOwner(DataSource dataSource) {
		return H2DatabaseOwner.record(dataSource);
	}

}
