package io.kintonemigrator.migration;

import java.util.List;

/**
 * The job file does not fit the apps; one line per problem, each naming the job file's
 * key. Nothing was written. It carries no stack trace: it reports the user's input, not a
 * fault of ours, and Spring Batch logs a step's failure with its trace.
 */
public class PreflightException extends RuntimeException {

	private final List<String> problems;

	public PreflightException(List<String> problems) {
		super("preflight found " + problems.size() + " problem(s):" + System.lineSeparator()
				+ String.join(System.lineSeparator(), problems), null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
