package dev.cachet.engine.semantic.calibration;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calibration on namespaces whose truth is known: lookups drawn from a score distribution, each
 * with a right cached answer with probability {@code P(s)}; every lookup labelled (as while exploring).
 */
class FalseHitBoundTest {

    /** A namespace whose P(right answer | s) is a logistic curve centred at {@code mid}. */
    record World(double mid, double slope, double lowScores, double highScores) {
        double agree(double s) { return 1 / (1 + Math.exp(-slope * (s - mid))); }
    }

    private static final double DELTA = 0.02;

    /** Counts of n labelled lookups, scores uniform in [low, high]. */
    private static double[][] sample(World w, int n, long seed) {
        var rnd = new SplittableRandom(seed);
        double[] lookups = new double[ScoreBins.COUNT], agree = new double[ScoreBins.COUNT], disagree = new double[ScoreBins.COUNT];
        for (int i = 0; i < n; i++) {
            double s = w.lowScores() + rnd.nextDouble() * (w.highScores() - w.lowScores());
            int b = ScoreBins.of(s);
            lookups[b]++;
            if (rnd.nextDouble() < w.agree(s)) agree[b]++;
            else disagree[b]++;
        }
        return new double[][] {lookups, agree, disagree};
    }

    /** The true false-hit rate of serving every score from t up (scores uniform in [low, high]). */
    private static double trueRate(World w, double t) {
        int steps = 20_000;
        double wrongAbove = 0, wrongAll = 0;
        for (int i = 0; i < steps; i++) {
            double s = w.lowScores() + (i + 0.5) / steps * (w.highScores() - w.lowScores());
            double q = 1 - w.agree(s);
            wrongAll += q;
            if (s >= t) wrongAbove += q;
        }
        return wrongAbove / wrongAll;
    }

    /** The false-hit rate of serving from t up over the labelled sample itself (what the namespace has seen). */
    private static double sampleRate(double[][] c, double t) {
        double above = 0, all = 0;
        for (int b = 0; b < ScoreBins.COUNT; b++) {
            all += c[2][b];
            if (ScoreBins.lowerEdge(b) >= t - 1e-12) above += c[2][b];
        }
        return above / all;
    }

    /**
     * The estimate is of the namespace's own history: over the lookups it has seen, the rate is within
     * the bound. On lookups yet to come the true rate differs from the seen one by sampling noise: two
     * standard errors of a rate near delta over the wrong-answer lookups seen.
     */
    private static void assertWithinBound(World w, double[][] c, Calibration cal, double delta) {
        assertThat(sampleRate(c, cal.serveAt())).as("rate over the seen lookups in %s", w).isLessThanOrEqualTo(delta);
        double novel = java.util.Arrays.stream(c[2]).sum();
        double noise = 2 * Math.sqrt(delta * (1 - delta) / novel);
        assertThat(trueRate(w, cal.serveAt())).as("true rate in %s", w).isLessThanOrEqualTo(delta + noise);
    }

    @Test
    void lookupsAGuardVetoed_countAmongThoseWithNoRightAnswer_butAreNeverServed() {
        World w = new World(0.90, 25, 0.5, 1.0);
        double[][] c = sample(w, 5_000, 7);
        var fit = AgreementModel.fit(c[1], c[2]);
        Calibration without = FalseHitBound.calibrate(fit, c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
        // vetoed at the very top: were they counted as servable, the top bins would look worse, not better
        double[] vetoed = new double[ScoreBins.COUNT];
        vetoed[ScoreBins.COUNT - 1] = 300;
        vetoed[ScoreBins.of(0.6)] = 2_000;
        Calibration with = FalseHitBound.calibrate(fit, c[0], vetoed, c[1], c[2], DELTA, 0.9);
        assertThat(with.serveAt()).isLessThan(without.serveAt());
        assertThat(with.lookups()).as("lookups with a candidate only").isEqualTo(without.lookups());
    }

    private static double oracleThreshold(World w) {
        for (double t = w.lowScores(); t <= 1; t += 0.0005) if (trueRate(w, t) <= DELTA) return t;
        return Double.POSITIVE_INFINITY;
    }

    private static final double[] NO_VETOES = new double[ScoreBins.COUNT];

    @Test
    void servesOnlyWhereTheTrueFalseHitRateIsWithinTheBound_inTwoUnlikeDomains() {
        // a "medical" namespace (paraphrases score ~0.85) and a "quora" one (different questions score high too)
        for (World w : new World[] {new World(0.78, 40, 0.4, 1.0), new World(0.90, 25, 0.5, 1.0)}) {
            double[][] c = sample(w, 5_000, 7);
            Calibration cal = FalseHitBound.calibrate(AgreementModel.fit(c[1], c[2]), c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
            assertThat(cal.serveAt()).as("serve threshold in %s", w).isLessThan(1);
            assertWithinBound(w, c, cal, DELTA);
            // and it is not timid: within 0.03 of the threshold an oracle knowing the curve would pick
            assertThat(cal.serveAt() - oracleThreshold(w)).as("distance to the oracle in %s", w).isBetween(-0.005, 0.03);
            assertThat(cal.estimate().low()).isLessThanOrEqualTo(cal.estimate().mean() + 1e-12);
            assertThat(cal.estimate().mean()).isLessThanOrEqualTo(cal.estimate().high() + 1e-12);
            assertThat(cal.estimate().high()).isLessThanOrEqualTo(DELTA);
        }
    }

    @Test
    void fewerLabels_widerInterval_higherThreshold() {
        World w = new World(0.80, 35, 0.4, 1.0);
        double[][] small = sample(w, 400, 3);
        double[][] large = sample(w, 8_000, 3);
        Calibration few = FalseHitBound.calibrate(AgreementModel.fit(small[1], small[2]), small[0], NO_VETOES, small[1], small[2], DELTA, 0.9);
        Calibration many = FalseHitBound.calibrate(AgreementModel.fit(large[1], large[2]), large[0], NO_VETOES, large[1], large[2], DELTA, 0.9);
        assertThat(few.serveAt()).isGreaterThanOrEqualTo(many.serveAt());
        assertWithinBound(w, small, few, DELTA);
    }

    @Test
    void aTighterBound_servesLess() {
        World w = new World(0.80, 35, 0.4, 1.0);
        double[][] c = sample(w, 5_000, 11);
        var fit = AgreementModel.fit(c[1], c[2]);
        Calibration loose = FalseHitBound.calibrate(fit, c[0], NO_VETOES, c[1], c[2], 0.05, 0.9);
        Calibration tight = FalseHitBound.calibrate(fit, c[0], NO_VETOES, c[1], c[2], 0.005, 0.9);
        assertThat(tight.serveAt()).isGreaterThan(loose.serveAt());
        assertWithinBound(w, c, tight, 0.005);
    }

    @Test
    void unlabelledServedLookups_areChargedByTheModel_notIgnored() {
        World w = new World(0.80, 35, 0.4, 1.0);
        double[][] c = sample(w, 5_000, 5);
        var fit = AgreementModel.fit(c[1], c[2]);
        Calibration labelled = FalseHitBound.calibrate(fit, c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
        // the same namespace after many more lookups at the very top that were served (counted, unlabelled)
        double[] more = c[0].clone();
        more[ScoreBins.COUNT - 1] += 20_000;
        Calibration busy = FalseHitBound.calibrate(fit, more, NO_VETOES, c[1], c[2], DELTA, 0.9);
        assertThat(busy.estimate().mean()).isGreaterThan(0);
        assertThat(busy.lookups()).isEqualTo(labelled.lookups() + 20_000);
    }

    @Test
    void theSameCountsGiveTheSameCalibration() {
        double[][] c = sample(new World(0.8, 30, 0.4, 1), 2_000, 9);
        Calibration a = FalseHitBound.calibrate(AgreementModel.fit(c[1], c[2]), c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
        Calibration b = FalseHitBound.calibrate(AgreementModel.fit(c[1], c[2]), c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
        assertThat(a.serveAt()).isEqualTo(b.serveAt());
        assertThat(a.estimate()).isEqualTo(b.estimate());
    }

    @Test
    void theCurveNeverFallsAsTheScoreRises() {
        double[][] c = sample(new World(0.85, 30, 0.3, 1), 3_000, 13);
        Calibration cal = FalseHitBound.calibrate(AgreementModel.fit(c[1], c[2]), c[0], NO_VETOES, c[1], c[2], DELTA, 0.9);
        for (int b = 1; b < ScoreBins.COUNT; b++) {
            assertThat(cal.agreeProbability(ScoreBins.centre(b))).isGreaterThanOrEqualTo(cal.agreeProbability(ScoreBins.centre(b - 1)));
            assertThat(cal.agreeProbabilityLow(ScoreBins.centre(b))).isLessThanOrEqualTo(cal.agreeProbability(ScoreBins.centre(b)));
        }
        assertThat(cal.missBelow()).isLessThan(cal.serveAt());
    }
}
