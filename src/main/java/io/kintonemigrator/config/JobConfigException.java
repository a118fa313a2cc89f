package io.kintonemigrator.config;

import java.util.List;

/**
 * The job file cannot be used. Each problem is one line naming the key and the fix; no
 * line ever contains a secret.
 */
public class JobConfigException extends RuntimeException {

	private final List<String> problems;

	public JobConfigException(List<String> problems) {
		super(String.join(System.lineSeparator(), problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
