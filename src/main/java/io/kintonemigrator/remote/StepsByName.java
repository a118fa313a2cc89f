package io.kintonemigrator.remote;

import java.util.List;

import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;

/**
 * Finds a worker's step by the name a request carries: the step's own name, whatever its
 * bean is called; null when this worker has none of that name (the request fails).
 */
final class StepsByName implements StepLocator {

	private final List<Step> steps;

	StepsByName(List<Step> steps) {
		this.steps = List.copyOf(steps);
	}

	@Override
	public Step getStep(String stepName) {
		return steps.stream().filter(step -> step.getName().equals(stepName)).findFirst().orElse(null);
	}

}
