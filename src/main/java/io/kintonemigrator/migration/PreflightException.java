package io.kintonemigrator.migration;

import java.util.List;

/** The job file does not fit the apps; one line per problem, each naming the job file's key. Nothing was written. */
public class PreflightException extends RuntimeException {

	private final List<String> problems;

	public PreflightException(List<String> problems) {
		super("preflight found " + problems.size() + " problem(s):" + System.lineSeparator()
				+ String.join(System.lineSeparator(), problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
