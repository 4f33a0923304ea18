package dev.cachet.engine.experiments.live;

import dev.cachet.engine.experiments.stats.ArmSummary;

/**
 * One variant's live figures, each rate with its 95% Wilson interval (narrowing as answers arrive),
 * latency and cost from the same statistics the offline runs use.
 *
 * @param upRate       share of 👍 among the answers rated
 * @param ttftMedianMs median time to first token, NaN when none streamed
 */
public record LiveVariant(String name, int answers, int errors, int thumbsUp, int thumbsDown, ArmSummary.Interval upRate,
                          ArmSummary.Interval latencyMedianMs, double ttftMedianMs, double costTotalUsd, ArmSummary.Interval cacheHitRate,
                          ArmSummary.Interval regenerateRate, int regenerates) { }
