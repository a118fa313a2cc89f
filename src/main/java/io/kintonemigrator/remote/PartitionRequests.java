package io.kintonemigrator.remote;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request on the wire: {@code <step execution id> <worker step name>}, a text
 * message, so that no worker ever deserializes Java objects from the broker. It names a
 * step execution in the shared job repository; the partition's parameters are there, in
 * its execution context, and nothing else travels.
 */
final class PartitionRequests {

	private static final Pattern FORMAT = Pattern.compile("(\\d+) (\\S.*)");

	private PartitionRequests() {
	}

	static String encode(StepExecutionRequest request) {
		return request.getStepExecutionId() + " " + request.getStepName();
	}

	/**
	 * @throws IllegalArgumentException when the text is not a partition request
	 */
	static StepExecutionRequest decode(String text) {
		Matcher matcher = FORMAT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a partition request: '" + text + "'");
		}
		return new StepExecutionRequest(matcher.group(2), Long.parseLong(matcher.group(1)));
	}

}
