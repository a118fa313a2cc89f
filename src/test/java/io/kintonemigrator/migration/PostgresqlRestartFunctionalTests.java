package io.kintonemigrator.migration;

import javax.sql.DataSource;

import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The restart story of {@link RestartFunctionalTests} with the job repository and ledger
 * on PostgreSQL: the context's DataSource is a fresh schema on the test server (Boot's
 * own DataSource and the base class's H2 URL are not used).
 */
@PostgresqlTest
class PostgresqlRestartFunctionalTests extends RestartFunctionalTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class PostgresqlDataSource {

		@Bean
		DataSource dataSource() {
			TestDatabase database = TestDatabase.postgresqlSchema();
			return DataSourceBuilder.create()
				.url(database.url())
				.username(database.username())
				.password(database.password())
				.build();
		}

	}

}
