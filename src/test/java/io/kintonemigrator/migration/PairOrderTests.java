package io.kintonemigrator.migration;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PairOrderTests {

	@Test
	void pairsFallInWavesAfterWhatTheyDependOn() {
		List<JobConfig> pairs = List.of(pair("c", 5, "b"), pair("a", 1, null), pair("b", 3, "a"), pair("d", 7, null));

		assertThat(PairOrder.problem(pairs)).isNull();
		assertThat(PairOrder.waves(pairs)).containsExactly(Map.entry("c", 2), Map.entry("a", 0), Map.entry("b", 1),
				Map.entry("d", 0));
	}

	@Test
	void aDependencyOutsideTheRunIsNamed() {
		assertThat(PairOrder.problem(List.of(pair("a", 1, "nope")))).isEqualTo(
				"Job 'a' depends on 'nope', which is not a job of this run; add its job file or remove dependsOn.");
	}

	@Test
	void aCircleIsNamedWithItsWholePath() {
		assertThat(PairOrder.problem(List.of(pair("a", 1, "b"), pair("b", 3, "a"))))
			.isEqualTo("The jobs depend on each other in a circle (a -> b -> a); remove one dependsOn.");
	}

	@Test
	void twoJobsOfOneNameOrOneTargetAppAreRefused() {
		assertThat(PairOrder.problem(List.of(pair("a", 1, null), pair("a", 3, null))))
			.startsWith("Two job files are named 'a'");
		assertThat(PairOrder.problem(List.of(pair("a", 1, null),
				new JobConfig("b", connection(5), connection(2), match(), List.of(), null, JobConfig.OnExisting.REPLACE,
						JobConfig.OnMissingTarget.SKIP, JobConfig.Limits.defaults(), 0))))
			.startsWith("Jobs 'a' and 'b' write to the same target app");
	}

	@Test
	void pairsOnOneDomainMustAgreeOnItsLimits() {
		JobConfig other = new JobConfig("b", connection(3), connection(4), match(), List.of(), null,
				JobConfig.OnExisting.REPLACE, JobConfig.OnMissingTarget.SKIP, new JobConfig.Limits(8, 10, 0, 100), 0);

		assertThat(PairOrder.problem(List.of(pair("a", 1, null), other)))
			.startsWith("Jobs 'a' and 'b' both use http://localhost:1 with different limits");
	}

	private static JobConfig pair(String name, long sourceApp, @Nullable String dependsOn) {
		return new JobConfig(name, connection(sourceApp), connection(sourceApp + 1), match(), List.of(), null,
				JobConfig.OnExisting.REPLACE, JobConfig.OnMissingTarget.SKIP, JobConfig.Limits.defaults(), 0, 1,
				dependsOn);
	}

	private static JobConfig.Match match() {
		return new JobConfig.Match("$id", "$id");
	}

	private static KintoneConnection connection(long app) {
		return KintoneConnection.withApiToken(URI.create("http://localhost:1"), app, "token");
	}

}
