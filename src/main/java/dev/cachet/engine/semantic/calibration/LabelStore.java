package dev.cachet.engine.semantic.calibration;

import java.util.List;
import java.util.Optional;

/**
 * Where a namespace's learning lives between runs: its labels, its per-score lookup counts, and the
 * judge's cached verdicts. Separate from the entry store so that team entry stores need not carry it.
 */
public interface LabelStore extends AutoCloseable {

    void addLabel(Label label);

    /** Every label of a namespace, oldest first. */
    List<Label> labels(String namespace);

    /**
     * Replaces a namespace's lookup counts: one per {@link ScoreBins bin} for lookups with a candidate, then one per
     * bin for lookups a guard vetoed (stored as bins {@code COUNT..2·COUNT-1}; counts saved before had only the first).
     */
    void saveLookups(String namespace, long[] perBin);

    /** A namespace's lookup counts, {@link ScoreBins#SAVED_COUNTS} of them (zeros when none were saved). */
    long[] lookups(String namespace);

    /** Forgets a namespace's labels and counts; returns the labels removed. */
    int clear(String namespace);

    /** The judge's verdict for a pair of questions, if it was asked before. */
    Optional<Boolean> judgeVerdict(String pairKey);

    void putJudgeVerdict(String pairKey, boolean same, String model);

    @Override void close();
}
