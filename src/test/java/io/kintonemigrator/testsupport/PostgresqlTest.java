package io.kintonemigrator.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test class that runs against the PostgreSQL test server: enabled when
 * {@code kam.test.postgresql.url} is set (Maven profile {@code postgresql}), and then it
 * fails, never skips, when the server cannot be reached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = TestDatabase.POSTGRESQL_URL, matches = ".+")
public @interface PostgresqlTest {

}
