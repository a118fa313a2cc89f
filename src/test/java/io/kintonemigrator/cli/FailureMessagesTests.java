package io.kintonemigrator.cli;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.step.FatalStepExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessagesTests {

	@Test
	void aChunkFailureIsToldByWhatWentWrongNotBySpringBatchsWrapper() {
		Throwable failure = new FatalStepExecutionException("Unable to process chunk",
				new IllegalStateException("upload file a.pdf refused: the circuit for localhost:8080 is open",
						new IOException("Connection refused")));

		assertThat(FailureMessages.of(failure))
			.isEqualTo("upload file a.pdf refused: the circuit for localhost:8080 is open");
	}

	@Test
	void aFailureOfOursKeepsItsOwnMessage() {
		assertThat(FailureMessages.of(new IllegalStateException("target records kept changing")))
			.isEqualTo("target records kept changing");
	}

	@Test
	void aWrapperWithoutAnyCauseIsStillNamed() {
		assertThat(FailureMessages.of(new FatalStepExecutionException("Unable to process chunk", null)))
			.isEqualTo("Unable to process chunk");
	}

}
