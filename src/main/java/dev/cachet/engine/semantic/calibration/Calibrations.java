package dev.cachet.engine.semantic.calibration;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every namespace's {@link NamespaceLearner}, loaded from the {@link LabelStore} on first use, and
 * the one place labels enter: a label is stored first, then learned, so a restart learns the same.
 */
public final class Calibrations {

    private static final Logger LOG = Logger.getLogger(Calibrations.class.getName());

    private final LabelStore store;
    private final double confidence;
    private final int minLabels;
    private final InstantSource clock;
    private final Executor background;
    private final Map<String, NamespaceLearner> learners = new ConcurrentHashMap<>();

    /** @param background where refits and count saves run (off the request path) */
    public Calibrations(LabelStore store, double confidence, int minLabels, InstantSource clock, Executor background) {
        this.store = store;
        this.confidence = confidence;
        this.minLabels = minLabels;
        this.clock = clock;
        this.background = background;
    }

    /** The namespace's learner, loaded with its stored labels the first time; {@code delta} is its error bound. */
    public NamespaceLearner learner(String namespace, double delta) {
        return learners.computeIfAbsent(namespace, n ->
                new NamespaceLearner(n, delta, confidence, minLabels, store.labels(n), store.lookups(n)));
    }

    /** Counts a lookup; a due refit and the count's save run in the background. */
    public void countLookup(NamespaceLearner learner, double score) {
        if (learner.countLookup(score)) refitLater(learner);
    }

    /** Counts a lookup whose every candidate a guard vetoed. */
    public void countVetoed(NamespaceLearner learner, double score) {
        if (learner.countVetoed(score)) refitLater(learner);
    }

    /** Stores a label; the namespace refits in the background (at once with a same-thread executor). */
    public void label(NamespaceLearner learner, long entryId, double score, boolean agree, Label.Source source) {
        var label = new Label(learner.namespace(), entryId, score, agree, source, clock.instant());
        store.addLabel(label);
        learner.record(label);
        refitLater(learner);
    }

    private void refitLater(NamespaceLearner learner) {
        try {
            background.execute(() -> {
                learner.refitCoalesced();
                save(learner);
            });
        } catch (RejectedExecutionException closing) {
            // the layer is closing: close() saves the counts
        }
    }

    /** Forgets a namespace's learning (its entries were cleared): it starts again from the fixed policy. */
    public int clear(String namespace) {
        learners.remove(namespace);
        return store.clear(namespace);
    }

    /** Calibrations of the namespaces used since start, by namespace. */
    public Map<String, Calibration> snapshot() {
        var out = new LinkedHashMap<String, Calibration>();
        learners.forEach((n, l) -> out.put(n, l.calibration()));
        return out;
    }

    /** Saves every namespace's unsaved lookup counts (at close). */
    public void flush() {
        learners.values().forEach(this::save);
    }

    public LabelStore store() { return store; }

    private void save(NamespaceLearner learner) {
        long[] counts = learner.unsavedLookups();
        if (counts == null) return;
        try {
            store.saveLookups(learner.namespace(), counts);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not save semantic lookup counts", e);
        }
    }
}
