package dev.cachet.engine.semantic.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Labels in memory: the evaluation's store, and tests'. */
public final class InMemoryLabelStore implements LabelStore {

    private final Map<String, List<Label>> labels = new ConcurrentHashMap<>();
    private final Map<String, long[]> lookups = new ConcurrentHashMap<>();
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    @Override public void addLabel(Label label) {
        labels.computeIfAbsent(label.namespace(), n -> java.util.Collections.synchronizedList(new ArrayList<>())).add(label);
    }

    @Override public List<Label> labels(String namespace) {
        List<Label> l = labels.get(namespace);
        if (l == null) return List.of();
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    @Override public void saveLookups(String namespace, long[] perBin) { lookups.put(namespace, perBin.clone()); }

    @Override public long[] lookups(String namespace) {
        long[] l = lookups.get(namespace);
        return l == null ? new long[ScoreBins.SAVED_COUNTS] : java.util.Arrays.copyOf(l, ScoreBins.SAVED_COUNTS);
    }

    @Override public int clear(String namespace) {
        lookups.remove(namespace);
        List<Label> removed = labels.remove(namespace);
        return removed == null ? 0 : removed.size();
    }

    @Override public Optional<Boolean> judgeVerdict(String pairKey) { return Optional.ofNullable(verdicts.get(pairKey)); }

    @Override public void putJudgeVerdict(String pairKey, boolean same, String model) { verdicts.put(pairKey, same); }

    @Override public void close() { }
}
