package io.kintonemigrator.launch;

import io.kintonemigrator.ledger.MigrationLedger;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The launcher bean the commands use. */
@Configuration(proxyBeanMethods = false)
class LaunchConfiguration {

	@Bean
	MigrationLauncher migrationLauncher(JobOperator jobOperator, JobRepository jobRepository, Job attachmentMigration,
			MigrationLedger ledger) {
		return new MigrationLauncher(jobOperator, jobRepository, attachmentMigration, ledger);
	}

}
