package io.kintonemigrator.launch;

import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;

/**
 * The time-zone story of {@link TimeZoneWatermarkFunctionalTests} with the job repository
 * on PostgreSQL, where a JST machine and a UTC pod share one database
 * ({@code BATCH_JOB_EXECUTION.CREATE_TIME} is a {@code TIMESTAMP} without time zone there
 * too).
 */
@PostgresqlTest
class PostgresqlTimeZoneWatermarkFunctionalTests extends TimeZoneWatermarkFunctionalTests {

	private TestDatabase schema;

	@Override
	TestDatabase database() {
		if (schema == null) {
			schema = TestDatabase.postgresqlSchema();
		}
		return schema;
	}

}
