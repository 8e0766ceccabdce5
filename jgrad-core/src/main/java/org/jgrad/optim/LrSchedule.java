package org.jgrad.optim;

/**
 * The learning rate as a function of the step count (1 for the first step) and the base rate.
 * Compose: {@code LrSchedule.warmup(500, LrSchedule.cosine(10_000, 0))}.
 */
@FunctionalInterface
public interface LrSchedule {

    double at(int step, double baseLr);

    static LrSchedule constant() {
        return (step, base) -> base;
    }

    /** base · gamma^⌊(step−1)/stepSize⌋: multiply by gamma every stepSize steps. */
    static LrSchedule step(int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step schedule: stepSize must be positive, got " + stepSize);
        }
        return (step, base) -> base * Math.pow(gamma, Math.max(0, step - 1) / stepSize);
    }

    /** Cosine from base (step 1) down to finalLr at totalSteps, then flat. */
    static LrSchedule cosine(int totalSteps, double finalLr) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("cosine schedule: totalSteps must be positive, got " + totalSteps);
        }
        return (step, base) -> {
            double t = Math.min(1.0, Math.max(0, step - 1) / (double) totalSteps);
            return finalLr + (base - finalLr) * 0.5 * (1 + Math.cos(Math.PI * t));
        };
    }

    /** Linear ramp from base/warmupSteps up to base over warmupSteps steps, then {@code after} (counted from its own step 1). */
    static LrSchedule warmup(int warmupSteps, LrSchedule after) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup: steps must be ≥ 0, got " + warmupSteps);
        }
        return (step, base) -> step <= warmupSteps ? base * step / warmupSteps : after.at(step - warmupSteps, base);
    }
}
