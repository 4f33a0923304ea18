package dev.cachet.engine.semantic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The semantic entries of every namespace in least-recently-used order, bounded: adding past the
 * bound hands back the least recently stored-or-served entries to evict. A JDK access-ordered
 * {@link LinkedHashMap} under one lock, not Caffeine: Caffeine's bound is W-TinyLFU, whose admission
 * filter turns away a new entry that is not yet more frequent than the victim, so a stream of new
 * questions would evict the newest answers first; the cap promises least recently used.
 */
final class EntryRecency {

    private final LinkedHashMap<Long, SemanticEntry> order = new LinkedHashMap<>(16, 0.75f, true);
    private final int max;
    private final int slack;

    /**
     * @param max most entries held; an eviction goes down to 1% below it (at least one entry), so
     *            that evictions come in batches, each logged once, rather than one per new answer
     */
    EntryRecency(int max) {
        this.max = max;
        this.slack = max / 100;
    }

    int max() { return max; }

    /** Adds {@code e} as the most recently used; returns the entries to evict (least recent first), often none. */
    synchronized List<SemanticEntry> add(SemanticEntry e) {
        order.put(e.id(), e);
        if (order.size() <= max) return List.of();
        int drop = order.size() - (max - slack);
        var out = new ArrayList<SemanticEntry>(drop);
        Iterator<SemanticEntry> eldest = order.values().iterator();
        while (out.size() < drop && eldest.hasNext()) {
            SemanticEntry victim = eldest.next();
            if (victim.id() == e.id()) continue;  // never the entry just stored
            out.add(victim);
            eldest.remove();
        }
        return out;
    }

    /** A served entry becomes the most recently used. */
    synchronized void touch(long id) { order.get(id); }

    synchronized void remove(long id) { order.remove(id); }

    synchronized void removeNamespace(String namespace) { order.values().removeIf(e -> e.namespace().equals(namespace)); }

    synchronized int size() { return order.size(); }
}
