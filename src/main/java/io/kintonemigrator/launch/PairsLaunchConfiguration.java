package io.kintonemigrator.launch;

import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.migration.AbandonedPartitions;
import io.kintonemigrator.migration.PartitionedMigrationConfiguration;
import io.kintonemigrator.report.RunOutput;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run of several app pairs the {@code migrate} command uses. */
@Configuration(proxyBeanMethods = false)
public class PairsLaunchConfiguration {

	@Bean
	PairsRun pairsRun(JobLocks locks, DatabaseOutageWatch outageWatch, ObjectProvider<JobLockListener> lockListener,
			JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier(PartitionedMigrationConfiguration.JOB_NAME) Job pairsMigration, RunOutput runOutput,
			ObjectProvider<AbandonedPartitions> abandonedPartitions) {
		return new PairsRun(locks, outageWatch, lockListener.getIfAvailable(() -> JobLockListener.NONE), jobOperator,
				jobRepository, pairsMigration, runOutput,
				abandonedPartitions.getIfAvailable(() -> AbandonedPartitions.NONE));
	}

}
