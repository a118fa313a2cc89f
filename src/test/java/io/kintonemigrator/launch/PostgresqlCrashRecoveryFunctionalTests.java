package io.kintonemigrator.launch;

import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;

/**
 * The crash stories of {@link CrashRecoveryFunctionalTests} with the job repository and
 * ledger on PostgreSQL.
 */
@PostgresqlTest
class PostgresqlCrashRecoveryFunctionalTests extends CrashRecoveryFunctionalTests {

	private TestDatabase schema;

	/** One fresh schema per story, shared by all its child JVMs. */
	@Override
	TestDatabase database() {
		if (schema == null) {
			schema = TestDatabase.postgresqlSchema();
		}
		return schema;
	}

}
