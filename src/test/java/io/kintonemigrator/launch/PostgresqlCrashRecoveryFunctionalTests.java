package io.kintonemigrator.launch;

import java.util.function.Supplier;

import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;

/**
 * The crash stories of {@link CrashRecoveryFunctionalTests} with the job repository and
 * ledger on PostgreSQL.
 */
@PostgresqlTest
class PostgresqlCrashRecoveryFunctionalTests extends CrashRecoveryFunctionalTests {

	/** One fresh schema per story, shared by all its child JVMs. */
	private final Supplier<TestDatabase> schema = TestDatabase.onePostgresqlSchema();

	@Override
	TestDatabase database() {
		return schema.get();
	}

}
