package dev.cachet.engine.metrics;

import java.time.Duration;

/** Savings summed over many requests. */
public record StageSavings(long modelCallsAvoided, long tokensSaved, double costSavedUsd, Duration latencySaved) {
    public static final StageSavings NONE = new StageSavings(0, 0, 0, Duration.ZERO);
}
