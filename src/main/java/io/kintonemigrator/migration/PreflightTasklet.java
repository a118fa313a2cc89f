package io.kintonemigrator.migration;

import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code preflight} step: {@link PreflightCheck}; any problem fails the job with a
 * {@link PreflightException}.
 */
class PreflightTasklet implements Tasklet {

	private final MigrationRun run;

	PreflightTasklet(MigrationRun run) {
		this.run = run;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<String> problems = new PreflightCheck(run.config()).problems(run.source(), run.target());
		if (!problems.isEmpty()) {
			throw new PreflightException(problems);
		}
		return RepeatStatus.FINISHED;
	}

}
