package io.kintonemigrator.ledger;

import java.time.Clock;

import javax.sql.DataSource;

import io.kintonemigrator.config.MigratorProperties;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Everything the job keeps beside Spring Batch's own tables, on the job database: the
 * ledger, the daily request usage, the job locks and the incremental watermarks. The
 * schema ({@code sql/ledger-*.sql}) is applied first, once, by the {@link LedgerSchema}
 * bean every other bean here depends on.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

	@Bean(LedgerSchema.BEAN)
	@DependsOnDatabaseInitialization
	LedgerSchema ledgerSchema(DataSource dataSource) {
		return LedgerSchema.apply(dataSource);
	}

	@Bean
	@DependsOn(LedgerSchema.BEAN)
	MigrationLedger migrationLedger(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		return new JdbcMigrationLedger(new JdbcTemplate(dataSource), transactionManager, clock);
	}

	@Bean
	@DependsOn(LedgerSchema.BEAN)
	ApiUsageLedger apiUsageLedger(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		return new JdbcApiUsageLedger(new JdbcTemplate(dataSource), transactionManager, clock);
	}

	@Bean
	@DependsOn(LedgerSchema.BEAN)
	JobLocks jobLocks(DataSource dataSource, MigratorProperties properties) {
		return new JobLocks(new JdbcTemplate(dataSource), properties.lock().lease());
	}

	@Bean
	@DependsOn(LedgerSchema.BEAN)
	JobWatermarks jobWatermarks(DataSource dataSource, Clock clock, MigratorProperties properties) {
		return new JobWatermarks(new JdbcTemplate(dataSource), clock, properties.incremental().safetyMargin());
	}

}
