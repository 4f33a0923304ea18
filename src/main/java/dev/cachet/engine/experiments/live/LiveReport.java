package dev.cachet.engine.experiments.live;

import dev.cachet.engine.experiments.stats.Analysis;

import java.util.List;

/**
 * A split template's live A/B so far: per variant figures, the unpaired tests between variants (Fisher on
 * 👍 rate, Mann-Whitney on latency and cost; Holm with more than two), Fisher on regenerate rate, and a
 * verdict line.
 *
 * @param analysis     the statistics, where "pass" is a 👍 (an answer without feedback is not scored)
 * @param leader       the variant with significantly more 👍 than every other, or null while none has
 */
public record LiveReport(String templateId, List<LiveVariant> variants, Analysis analysis, List<RegenerateTest> regenerateTests,
                         String leader, String verdict) {

    public LiveReport {
        variants = List.copyOf(variants);
        regenerateTests = List.copyOf(regenerateTests);
    }

    /** Fisher's exact test on two variants' regenerate rates. */
    public record RegenerateTest(String a, String b, double pValue, boolean significant, String fewer) { }
}
