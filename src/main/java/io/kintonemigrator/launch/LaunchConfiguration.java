package io.kintonemigrator.launch;

import io.kintonemigrator.config.MigratorProperties;

import io.kintonemigrator.report.ProgressPrinter;
import io.kintonemigrator.report.RunOutput;

import java.time.Clock;

import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.migration.RunProgress;
import io.kintonemigrator.migration.StopRequest;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The launcher bean the commands use, with its run output and the stopper a signal uses.
 */
@Configuration(proxyBeanMethods = false)
public class LaunchConfiguration {

	@Bean
	MigrationLauncher migrationLauncher(JobOperator jobOperator, JobRepository jobRepository, Job attachmentMigration,
			MigrationLedger ledger, RunOutput runOutput) {
		return new MigrationLauncher(jobOperator, jobRepository, attachmentMigration, ledger, runOutput);
	}

	@Bean
	RunOutput runOutput(RunProgress runProgress, MigrationLedger ledger, Clock clock, MigratorProperties properties) {
		return new RunOutput(runProgress, ledger, clock, properties.reportsDir(), properties.progressInterval(),
				properties.progressBar(), ProgressPrinter.Ticker.daemon());
	}

	@Bean
	RunningJobStopper runningJobStopper(StopRequest stopRequest, JobRepository jobRepository) {
		return new RunningJobStopper(stopRequest, jobRepository);
	}

}
