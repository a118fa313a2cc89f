package io.kintonemigrator.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DBA's copy of Spring Batch's PostgreSQL schema in {@code sql/} is the one the
 * application applies.
 */
class SqlScriptsTests {

	@Test
	void theCopyOfSpringBatchsPostgresqlSchemaMatchesTheJar() throws Exception {
		String jar = new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		String copy = Files.readString(Path.of("sql/batch-postgresql.sql"));

		assertThat(copy).as("sql/batch-postgresql.sql: copy the jar's file again after upgrading Spring Batch")
			.endsWith(jar);
	}

}
