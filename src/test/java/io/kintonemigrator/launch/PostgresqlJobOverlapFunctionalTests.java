package io.kintonemigrator.launch;

import java.util.function.Supplier;

import io.kintonemigrator.testsupport.PostgresqlTest;
import io.kintonemigrator.testsupport.TestDatabase;

/**
 * The overlap stories of {@link JobOverlapFunctionalTests} on PostgreSQL, where both
 * processes open the database and the lock row in {@code KAM_JOB_LOCK} decides, as
 * between machines.
 */
@PostgresqlTest
class PostgresqlJobOverlapFunctionalTests extends JobOverlapFunctionalTests {

	/** One fresh schema per story, shared by all its child JVMs. */
	private final Supplier<TestDatabase> schema = TestDatabase.onePostgresqlSchema();

	@Override
	TestDatabase database() {
		return schema.get();
	}

	@Override
	String refusedMessage() {
		return "Job 'overlap' is already running: process \\d+ on host \\S+ \\(running since ";
	}

	@Override
	String holderNamed(long pid) {
		return "is already running: process " + pid + " on host ";
	}

}
