package io.kintonemigrator.emulator.fault;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Fault settings with their random source. Every decision draws exactly two numbers, one
 * for the fault and one for the jitter, so the sequence of decisions depends only on the
 * seed and the order requests arrive in. Thread-safe (decisions are serialized).
 */
final class FaultPlan {

	private final FaultSettings settings;

	private final RandomGenerator random;

	FaultPlan(FaultSettings settings) {
		this.settings = settings;
		this.random = new SplittableRandom(settings.seed());
	}

	FaultSettings settings() {
		return this.settings;
	}

	synchronized Decision decide() {
		double faultDraw = this.random.nextDouble();
		double jitterDraw = this.random.nextDouble();
		long latency = this.settings.latency().toNanos()
				+ (long) (jitterDraw * this.settings.latencyJitter().toNanos());
		return new Decision(latency, pick(faultDraw));
	}

	private @Nullable FaultKind pick(double draw) {
		double upper = 0;
		for (FaultKind kind : FaultKind.values()) {
			upper += this.settings.rate(kind);
			if (draw < upper) {
				return kind;
			}
		}
		return null;
	}

	/** What happens to one request: this much latency first, then the fault, if any. */
	record Decision(long latencyNanos, @Nullable FaultKind fault) {
	}

}
