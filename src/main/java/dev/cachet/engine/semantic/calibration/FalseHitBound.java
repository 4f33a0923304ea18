package dev.cachet.engine.semantic.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a fitted {@link AgreementModel} and a namespace's counts into a {@link Calibration}: for each
 * candidate threshold {@code t}, the false-hit rate {@code W(t) / D} where
 * <ul>
 *   <li>{@code D} = lookups with no right answer cached: labelled "different" ones, plus the unlabelled
 *       ones weighted by the model's P(different | score) — among them those a guard vetoed, which are
 *       never served but are lookups the promise speaks of (weighted by the model fitted on candidates
 *       the guards let through, they count for less than they are: a guard mostly vetoes different
 *       questions, so {@code D} is understated and the bound errs on the safe side);</li>
 *   <li>{@code W(t)} = the same sum over lookups scoring at least {@code t} (those a threshold {@code t}
 *       serves).</li>
 * </ul>
 * Labelled lookups count as what they were (no model needed); only the unlabelled ones (served, or
 * never compared) lean on the model. The interval comes from {@value #DRAWS} draws: each draws the
 * model's parameters, then how many of each score bin's unlabelled lookups had no right answer
 * (binomial at that draw's rate) — so that a namespace that has seen few lookups, where one wrong
 * serve moves the rate a lot, gets the wider interval it needs. Fixed seeds: the same counts give the
 * same answer. The model's curve is made non-decreasing in the score on each draw by taking, at each
 * score, the lowest P(agree) at or above it, which can only overstate false hits. The serve
 * threshold is the lowest one whose {@code confidence}-quantile stays within {@code delta}.
 */
public final class FalseHitBound {

    static final int DRAWS = 200;
    /** Below this mean P(agree) a candidate is a plain miss rather than worth learning from. */
    static final double MISS_PROBABILITY = 0.01;
    private static final double[][] NORMALS = normals();

    private FalseHitBound() { }

    /**
     * @param lookups  lookups with a candidate per bin (labelled or not)
     * @param vetoed   lookups whose every candidate a guard vetoed, per bin of the first one's score
     * @param agree    labelled "same answer" per bin
     * @param disagree labelled "different answer" per bin
     */
    public static Calibration calibrate(AgreementModel.Posterior posterior, double[] lookups, double[] vetoed, double[] agree,
                                        double[] disagree, double delta, double confidence) {
        int bins = ScoreBins.COUNT;
        double[][] pAgree = new double[DRAWS][bins];
        for (int r = 0; r < DRAWS; r++) {
            double[] theta = posterior.draw(NORMALS[r]);
            double floor = 1;
            for (int b = bins - 1; b >= 0; b--) {
                floor = Math.min(floor, AgreementModel.Posterior.agree(theta, ScoreBins.centre(b)));
                pAgree[r][b] = floor;
            }
        }
        double[] agreeMean = new double[bins];
        double[] agreeLow = new double[bins];
        double[] column = new double[DRAWS];
        for (int b = 0; b < bins; b++) {
            double sum = 0;
            for (int r = 0; r < DRAWS; r++) {
                column[r] = pAgree[r][b];
                sum += column[r];
            }
            agreeMean[b] = sum / DRAWS;
            Arrays.sort(column);
            agreeLow[b] = quantile(column, 1 - confidence);
        }

        // per draw and bin: lookups with no right answer cached (labelled ones as labelled, the rest drawn)
        var rnd = new SplittableRandom(7_919L);
        double[][] novel = new double[DRAWS][bins];
        double[] total = new double[DRAWS];
        for (int b = 0; b < bins; b++) {
            long unlabelled = Math.max(0, Math.round(lookups[b] - agree[b] - disagree[b]));
            for (int r = 0; r < DRAWS; r++) {
                novel[r][b] = binomial(rnd, unlabelled, 1 - pAgree[r][b]) + disagree[b];
                total[r] += novel[r][b] + binomial(rnd, Math.round(vetoed[b]), 1 - pAgree[r][b]);
            }
        }
        double[] wrong = new double[DRAWS];
        double[] rate = new double[DRAWS];
        double serveAt = Double.POSITIVE_INFINITY;
        Calibration.Estimate estimate = Calibration.Estimate.NONE;
        for (int b = bins - 1; b >= 0; b--) {
            for (int r = 0; r < DRAWS; r++) {
                wrong[r] += novel[r][b];
                rate[r] = total[r] < 1 ? Double.POSITIVE_INFINITY : wrong[r] / total[r];
            }
            double[] sorted = rate.clone();
            Arrays.sort(sorted);
            double high = quantile(sorted, confidence);
            if (high > delta) break;
            serveAt = ScoreBins.lowerEdge(b);
            double mean = 0;
            for (double v : rate) mean += v;
            estimate = new Calibration.Estimate(mean / DRAWS, quantile(sorted, 1 - confidence), high);
        }
        double missBelow = 0;
        for (int b = 0; b < bins && agreeMean[b] < MISS_PROBABILITY; b++) missBelow = ScoreBins.lowerEdge(b + 1);
        int agreeCount = (int) Math.round(Arrays.stream(agree).sum());
        int disagreeCount = (int) Math.round(Arrays.stream(disagree).sum());
        long lookupCount = Math.round(Arrays.stream(lookups).sum());
        return new Calibration(Calibration.Phase.LEARNED, delta, confidence, serveAt, Math.min(missBelow, serveAt),
                agreeCount, disagreeCount, lookupCount, estimate, agreeMean, agreeLow);
    }

    /** A binomial draw: exact below 30 trials, else its normal approximation (rounded, kept within 0..n). */
    static double binomial(SplittableRandom rnd, long n, double p) {
        if (n == 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n < 30) {
            int k = 0;
            for (long i = 0; i < n; i++) if (rnd.nextDouble() < p) k++;
            return k;
        }
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(0, Math.min(n, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[][] normals() {
        var rnd = new SplittableRandom(20_250_211L);
        double[][] out = new double[DRAWS][AgreementModel.DIM];
        for (double[] row : out) {
            for (int i = 0; i < row.length; i++) {
                double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
                row[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            }
        }
        return out;
    }
}
