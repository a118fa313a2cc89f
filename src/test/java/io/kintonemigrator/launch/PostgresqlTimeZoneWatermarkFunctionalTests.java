package io.kintonemigrator.launch;

import java.util.function.Supplier;

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

	/** One fresh schema per story, shared by all its child JVMs. */
	private final Supplier<TestDatabase> schema = TestDatabase.onePostgresqlSchema();

	@Override
	TestDatabase database() {
		return schema.get();
	}

}
