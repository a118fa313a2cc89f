package io.kintonemigrator.remote;

import org.junit.jupiter.api.Test;

import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the roles accept before anything starts, how a request travels, and what the logs
 * show of a broker URL.
 */
class RemoteSettingsTests {

	@Test
	void managerAndWorkerRefuseAJobDatabaseOnlyOneProcessCanOpen() {
		assertThat(RemoteRole.WORKER.databaseProblem("jdbc:h2:file:/tmp/kam/batch")).contains("--role worker")
			.contains("--database jdbc:postgresql://");
		assertThat(RemoteRole.MANAGER.databaseProblem(null)).contains("--role manager");
		assertThat(RemoteRole.MANAGER.databaseProblem("jdbc:postgresql://db:5432/kam")).isNull();
		assertThat(RemoteRole.WORKER.databaseProblem("jdbc:h2:tcp://db:9092/kam")).isNull();
		assertThat(RemoteRole.LOCAL.databaseProblem("jdbc:h2:file:/tmp/kam/batch")).isNull();
	}

	@Test
	void onlyAManagerHoldsTheEmbeddedBroker() {
		assertThat(RemoteRole.WORKER.embeddedBrokerProblem(true)).contains("--role manager");
		assertThat(RemoteRole.LOCAL.embeddedBrokerProblem(true)).isNotNull();
		assertThat(RemoteRole.MANAGER.embeddedBrokerProblem(true)).isNull();
		assertThat(RemoteRole.WORKER.embeddedBrokerProblem(false)).isNull();
	}

	@Test
	void aRequestTravelsAsTextAndComesBackTheSame() {
		String text = PartitionRequests.encode(new StepExecutionRequest("migratePartition", 42L));

		StepExecutionRequest back = PartitionRequests.decode(text);

		assertThat(text).isEqualTo("42 migratePartition");
		assertThat(back.getStepExecutionId()).isEqualTo(42L);
		assertThat(back.getStepName()).isEqualTo("migratePartition");
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequests.decode("rO0ABXNyAC5vcmc"));
	}

	@Test
	void theLogsShowABrokerWithoutItsCredentialsOrOptions() {
		assertThat(BrokerConnections.describe("tcp://kam:s3cret@artemis:61616?consumerWindowSize=0"))
			.isEqualTo("tcp://artemis:61616");
		assertThat(BrokerConnections.describe(null)).isEqualTo("tcp://localhost:61616");
	}

}
