package dev.cachet.engine.semantic.calibration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One namespace's learning: lookups and labels counted per score bin, the entries labelled wrong and
 * at what score, and the {@link Calibration} refitted from them. Counting is cheap and locked briefly;
 * a refit (about a millisecond) runs outside the lock and publishes a new immutable calibration.
 */
public final class NamespaceLearner {

    /** A refit is due after this many new lookups, or a hundredth of all seen if more (labels make it due at once). */
    static final int REFIT_EVERY = 20;
    /** Labels of each kind needed before the learned threshold takes over from the fixed policy. */
    static final int MIN_EACH = 5;

    private final String namespace;
    private final double delta;
    private final double confidence;
    private final int minLabels;
    private final long[] lookups = new long[ScoreBins.COUNT];
    /** Lookups whose every candidate a guard vetoed, by the score of the first: never served, still lookups the promise covers. */
    private final long[] vetoed = new long[ScoreBins.COUNT];
    private final double[] agree = new double[ScoreBins.COUNT];
    private final double[] disagree = new double[ScoreBins.COUNT];
    private final Map<Long, Double> differentAt = new HashMap<>();
    private int lookupsSinceRefit;
    private long lookupsSeen;
    private boolean lookupsUnsaved;
    private boolean refitting;
    private boolean refitAgain;
    private volatile Calibration calibration;

    public NamespaceLearner(String namespace, double delta, double confidence, int minLabels, List<Label> labels, long[] savedLookups) {
        if (!(delta > 0 && delta < 1)) throw new IllegalArgumentException("error bound must be within (0, 1), was " + delta);
        if (!(confidence >= 0.5 && confidence < 1)) throw new IllegalArgumentException("confidence must be within [0.5, 1), was " + confidence);
        this.namespace = namespace;
        this.delta = delta;
        this.confidence = confidence;
        this.minLabels = minLabels;
        System.arraycopy(savedLookups, 0, lookups, 0, Math.min(savedLookups.length, lookups.length));
        if (savedLookups.length > ScoreBins.COUNT) {  // saved before vetoed lookups were counted: only the first half
            System.arraycopy(savedLookups, ScoreBins.COUNT, vetoed, 0, Math.min(savedLookups.length - ScoreBins.COUNT, vetoed.length));
        }
        for (long n : lookups) lookupsSeen += n;
        for (Label l : labels) count(l);
        refit();
    }

    public String namespace() { return namespace; }
    public double delta() { return delta; }
    public Calibration calibration() { return calibration; }

    /** Counts a lookup whose candidate scored {@code score}; true when a refit is due (do it off the request path). */
    public boolean countLookup(double score) {
        synchronized (this) {
            lookupsSeen++;
            return count(lookups, score);
        }
    }

    /** Counts a lookup whose every candidate a guard vetoed (the first scored {@code score}); true when a refit is due. */
    public boolean countVetoed(double score) {
        synchronized (this) {
            return count(vetoed, score);
        }
    }

    /** Under the lock: one more in {@code score}'s bin; true when a refit is due. */
    private boolean count(long[] perBin, double score) {
        perBin[ScoreBins.of(score)]++;
        lookupsUnsaved = true;
        return ++lookupsSinceRefit >= Math.max(REFIT_EVERY, lookupsSeen / 100);
    }

    /** Adds a label and refits. */
    public Calibration addLabel(Label label) {
        record(label);
        return refit();
    }

    /** Counts a label without refitting (the caller schedules {@link #refitCoalesced()}). */
    public void record(Label label) {
        synchronized (this) {
            count(label);
        }
    }

    /**
     * Refits unless a refit is already running, in which case that one runs once more when it ends:
     * labels arriving in bursts cost one or two refits, not one each.
     */
    public void refitCoalesced() {
        synchronized (this) {
            if (refitting) {
                refitAgain = true;
                return;
            }
            refitting = true;
        }
        try {
            while (true) {
                refit();
                synchronized (this) {
                    if (!refitAgain) return;
                    refitAgain = false;
                }
            }
        } finally {
            synchronized (this) {
                refitting = false;
            }
        }
    }

    /** The highest score at which a person marked this entry wrong, if ever: it is not served at or below it again. */
    public OptionalDouble differentAt(long entryId) {
        synchronized (this) {
            Double s = differentAt.get(entryId);
            return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
        }
    }

    /**
     * The lookup counts if they changed since the last call (for saving), else null: {@link ScoreBins#COUNT} counts of
     * lookups with a candidate, then as many of vetoed lookups.
     */
    public long[] unsavedLookups() {
        synchronized (this) {
            if (!lookupsUnsaved) return null;
            lookupsUnsaved = false;
            long[] out = java.util.Arrays.copyOf(lookups, ScoreBins.SAVED_COUNTS);
            System.arraycopy(vetoed, 0, out, ScoreBins.COUNT, ScoreBins.COUNT);
            return out;
        }
    }

    /** Recomputes the calibration from the counts (the fit runs outside the lock). */
    public Calibration refit() {
        double[] n = new double[ScoreBins.COUNT], v = new double[ScoreBins.COUNT], a, d;
        synchronized (this) {
            lookupsSinceRefit = 0;
            for (int b = 0; b < n.length; b++) {
                n[b] = lookups[b];
                v[b] = vetoed[b];
            }
            a = agree.clone();
            d = disagree.clone();
        }
        int agreeCount = (int) java.util.Arrays.stream(a).sum();
        int disagreeCount = (int) java.util.Arrays.stream(d).sum();
        Calibration c;
        if (agreeCount + disagreeCount < minLabels || agreeCount < MIN_EACH || disagreeCount < MIN_EACH) {
            c = Calibration.warmingUp(delta, confidence, agreeCount, disagreeCount, (long) java.util.Arrays.stream(n).sum());
        } else {
            c = FalseHitBound.calibrate(AgreementModel.fit(a, d), n, v, a, d, delta, confidence);
        }
        calibration = c;
        return c;
    }

    private void count(Label l) {
        int b = ScoreBins.of(l.score());
        if (l.agree()) {
            agree[b]++;
        } else {
            disagree[b]++;
            // A person's 👎 or Regenerate is a strong label: that entry is never served at that score or below again.
            // Compared answers only teach the namespace's curve: one different question near an entry says little
            // about the next one (and the comparator errs now and then).
            if (l.entryId() > 0 && l.source() != Label.Source.ANSWERS_COMPARED && l.source() != Label.Source.EVALUATION) {
                differentAt.merge(l.entryId(), l.score(), Math::max);
            }
        }
    }
}
