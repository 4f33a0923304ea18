package dev.cachet.engine.experiments.stats;

/**
 * One cell as the statistics see it.
 *
 * @param pairKey which case and repetition it answers: two arms' samples with the same key are a pair
 * @param pass    true/false when the cell was scored, null when it was not (no assertion could run) or failed to answer
 * @param answered false when the call failed: no latency or cost to compare
 */
public record Sample(String pairKey, Boolean pass, double latencyMs, double costUsd, boolean answered) { }
