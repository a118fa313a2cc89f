package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.kintonemigrator.config.JobConfig;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code preflightPairs} step of a run of several app pairs: {@link PreflightCheck}
 * of every pair, before any partition writes anything. Every problem of every pair is
 * reported at once (each line starts with the pair's name) in one
 * {@link PreflightException}.
 */
class PreflightPairsTasklet implements Tasklet {

	private final List<JobConfig> pairs;

	private final Function<JobConfig, MigrationRun> runs;

	PreflightPairsTasklet(List<JobConfig> pairs, Function<JobConfig, MigrationRun> runs) {
		this.pairs = List.copyOf(pairs);
		this.runs = runs;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<String> problems = new ArrayList<>();
		for (JobConfig pair : pairs) {
			MigrationRun run = runs.apply(pair);
			try {
				new PreflightCheck(pair).problems(run.source(), run.target())
					.forEach(problem -> problems.add(pair.name() + ": " + problem));
			}
			finally {
				run.destroy();
			}
		}
		if (!problems.isEmpty()) {
			throw new PreflightException(problems);
		}
		return RepeatStatus.FINISHED;
	}

}
