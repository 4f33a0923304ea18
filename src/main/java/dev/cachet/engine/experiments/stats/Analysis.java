package dev.cachet.engine.experiments.stats;

import java.util.List;
import java.util.Map;

/**
 * What a run (or two runs compared) came to: per arm figures, the tests between arms, the assertion
 * types that could not run (by name, with how many times), and one verdict line.
 *
 * @param paired whether arms were compared case by case (they share cases)
 */
public record Analysis(List<ArmSummary> arms, List<Comparison> comparisons, Map<String, Integer> notRun, boolean paired,
                       String verdict) {

    public Analysis {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
        notRun = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notRun));
    }
}
