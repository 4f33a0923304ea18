package dev.cachet.engine.semantic.calibration;

/**
 * Cosine scores in 200 bins of 0.005 over [0, 1]: lookups and labels are counted per bin, so a
 * namespace's whole history is a few hundred numbers however long it has run.
 */
public final class ScoreBins {

    public static final int COUNT = 200;
    public static final double WIDTH = 1.0 / COUNT;
    /** A namespace's saved lookup counts: per bin those with a candidate, then per bin those a guard vetoed. */
    public static final int SAVED_COUNTS = 2 * COUNT;

    private ScoreBins() { }

    /** The bin of a score; scores below 0 fall in the first bin, 1 and above in the last. */
    public static int of(double score) {
        if (!(score > 0)) return 0;
        return Math.min(COUNT - 1, (int) (score * COUNT));
    }

    /** The lowest score of a bin: a threshold at bin {@code b} serves every score from here up. */
    public static double lowerEdge(int bin) { return bin * WIDTH; }

    /** The score a bin stands for in the model (its middle). */
    public static double centre(int bin) { return (bin + 0.5) * WIDTH; }
}
