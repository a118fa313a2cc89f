package io.kintonemigrator.reliability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * The ExecutionContexts of every execution of step {@code migrate}, read from the job
 * repository of a finished (or dead) child process, oldest first.
 */
final class StepContexts {

	private StepContexts() {
	}

	static List<Map<String, Object>> migrateStep(String databaseUrl) throws Exception {
		List<Map<String, Object>> contexts = new ArrayList<>();
		DefaultExecutionContextSerializer serializer = new DefaultExecutionContextSerializer();
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT "
						+ "FROM BATCH_STEP_EXECUTION s JOIN BATCH_STEP_EXECUTION_CONTEXT c "
						+ "ON c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID WHERE s.STEP_NAME = 'migrate' "
						+ "ORDER BY s.STEP_EXECUTION_ID")) {
			while (rows.next()) {
				String context = rows.getString(2) != null ? rows.getString(2) : rows.getString(1);
				contexts.add(serializer
					.deserialize(new ByteArrayInputStream(context.getBytes(StandardCharsets.ISO_8859_1))));
			}
		}
		return contexts;
	}

	/**
	 * The sum of a numeric counter over the executions that hold it; -1 when none does.
	 */
	static long sum(List<Map<String, Object>> contexts, String key) {
		long sum = -1;
		for (Map<String, Object> context : contexts) {
			if (context.get(key) instanceof Number number) {
				sum = Math.max(sum, 0) + number.longValue();
			}
		}
		return sum;
	}

}
