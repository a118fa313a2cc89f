package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneConnection;

import org.jspecify.annotations.Nullable;

/**
 * The order of the app pairs of one run: a pair that names another in {@code dependsOn}
 * starts once that one completed. Pairs fall in waves: wave 0 depends on nothing, wave
 * {@code n} on a pair of wave {@code n - 1} at most; the pairs of a wave run in parallel.
 * Also the rules several job files of one run must keep, checked before anything starts.
 */
public final class PairOrder {

	private PairOrder() {
	}

	/**
	 * The wave of each pair by name, in the order given; the pairs must have passed
	 * {@link #problem}.
	 */
	public static Map<String, Integer> waves(List<JobConfig> pairs) {
		Map<String, JobConfig> byName = new HashMap<>();
		pairs.forEach(pair -> byName.put(pair.name(), pair));
		Map<String, Integer> waves = new LinkedHashMap<>();
		for (JobConfig pair : pairs) {
			int wave = 0;
			for (JobConfig p = pair; p.dependsOn() != null; p = byName.get(p.dependsOn())) {
				wave++;
			}
			waves.put(pair.name(), wave);
		}
		return waves;
	}

	/**
	 * One line naming what is wrong with running these pairs together, and how to fix it;
	 * null when nothing is: names must differ, {@code dependsOn} must name another pair
	 * of the run without a cycle, pairs must not share a target app, and pairs that use
	 * the same domain must agree on what it allows (one guard per domain).
	 */
	public static @Nullable String problem(List<JobConfig> pairs) {
		Map<String, JobConfig> byName = new HashMap<>();
		for (JobConfig pair : pairs) {
			if (byName.put(pair.name(), pair) != null) {
				return "Two job files are named '" + pair.name() + "'; give each job of a run its own name.";
			}
		}
		for (JobConfig pair : pairs) {
			if (pair.dependsOn() != null && !byName.containsKey(pair.dependsOn())) {
				return "Job '" + pair.name() + "' depends on '" + pair.dependsOn()
						+ "', which is not a job of this run; add its job file or remove dependsOn.";
			}
			List<String> chain = new ArrayList<>(List.of(pair.name()));
			for (JobConfig p = pair; p.dependsOn() != null; p = byName.get(p.dependsOn())) {
				if (chain.contains(p.dependsOn())) {
					chain.add(p.dependsOn());
					return "The jobs depend on each other in a circle (" + String.join(" -> ", chain)
							+ "); remove one dependsOn.";
				}
				chain.add(p.dependsOn());
			}
		}
		Map<String, JobConfig> byTarget = new HashMap<>();
		for (JobConfig pair : pairs) {
			String target = pair.target().baseUrl() + "|" + pair.target().app() + "|" + pair.target().guestSpaceId();
			JobConfig other = byTarget.put(target, pair);
			if (other != null) {
				return "Jobs '" + other.name() + "' and '" + pair.name()
						+ "' write to the same target app; run them one after the other, or merge them into one job"
						+ " file.";
			}
		}
		Map<String, JobConfig> byDomain = new HashMap<>();
		for (JobConfig pair : pairs) {
			for (String domain : List.of(domain(pair.source()), domain(pair.target()))) {
				JobConfig other = byDomain.putIfAbsent(domain, pair);
				if (other != null && !SharedDomainLimits.DomainLimits.of(other.limits())
					.equals(SharedDomainLimits.DomainLimits.of(pair.limits()))) {
					return "Jobs '" + other.name() + "' and '" + pair.name() + "' both use " + domain
							+ " with different limits (concurrency, requestsPerSecond, domainHeadroom); the domain's"
							+ " limits are shared, give both jobs the same ones.";
				}
			}
		}
		return null;
	}

	private static String domain(KintoneConnection connection) {
		return connection.baseUrl().getScheme() + "://" + connection.baseUrl().getAuthority();
	}

}
