package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers found by meaning: one vector index per namespace ({@link SemanticKey}), the nearest cached
 * queries judged by the {@link MatchPolicy} (threshold + guards), entries persisted in a
 * {@link SemanticStore} and re-indexed from it at start. Expired entries are dropped when met.
 */
public final class SemanticCache {

    private final Embedder embedder;
    private final SemanticStore store;
    private final MatchPolicy policy;
    private final InstantSource clock;
    private final Duration ttl;
    private final int neighbours;
    private final int graphCrossover;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    /** One namespace's index and entries; ordinals are local to it. */
    private final class Namespace {
        final SwitchingIndex index;
        final Map<Integer, SemanticEntry> entries = new ConcurrentHashMap<>();
        final Map<Integer, QueryFacts> facts = new ConcurrentHashMap<>();
        final Map<Long, Integer> ordinalOfId = new ConcurrentHashMap<>();
        final AtomicInteger nextOrdinal = new AtomicInteger();

        Namespace(int dimension) { this.index = new SwitchingIndex(dimension, graphCrossover); }

        void add(SemanticEntry e) {
            int ord = nextOrdinal.getAndIncrement();
            // A put during the start-up rebuild can be met twice (stored and loaded): index it once.
            if (ordinalOfId.putIfAbsent(e.id(), ord) != null) return;
            entries.put(ord, e);
            facts.put(ord, QueryFacts.of(e.query()));
            index.add(ord, e.vector());
        }

        void remove(long id) {
            Integer ord = ordinalOfId.remove(id);
            if (ord == null) return;
            index.remove(ord);
            entries.remove(ord);
            facts.remove(ord);
        }
    }

    public SemanticCache(Embedder embedder, SemanticStore store, MatchPolicy policy, InstantSource clock,
                         Duration ttl, int neighbours, int graphCrossover) {
        this.embedder = embedder;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.ttl = ttl;
        this.neighbours = neighbours;
        this.graphCrossover = graphCrossover;
    }

    /**
     * Rebuilds every namespace index from the store; expired entries are deleted instead. Returns entries
     * loaded. An interrupt (the engine closing) stops it between entries.
     */
    public int rebuild() {
        Instant now = clock.instant();
        int loaded = 0;
        for (SemanticEntry e : store.loadEntries()) {
            if (Thread.currentThread().isInterrupted()) break;
            if (e.expiredAt(now)) {
                store.delete(e.id());
                continue;
            }
            namespace(e.namespace(), e.vector().length).add(e);
            loaded++;
        }
        return loaded;
    }

    public Embedder embedder() { return embedder; }
    public MatchPolicy policy() { return policy; }

    public float[] embed(String text) throws EmbeddingException, InterruptedException {
        return embedder.embed(text);
    }

    public SemanticLookup lookup(SemanticKey key) throws EmbeddingException, InterruptedException {
        return lookup(key, embed(key.userText()));
    }

    /** Looks up with a vector already computed for {@code key.userText()}. */
    public SemanticLookup lookup(SemanticKey key, float[] vector) {
        return decide(key, vector, nearest(key, vector), policy);
    }

    /** A cached query near the lookup text, with the facts the guards compare. */
    public record Near(SemanticEntry entry, QueryFacts facts, float score) { }

    /** The namespace's nearest live entries (up to the configured number of neighbours), best first. */
    public List<Near> nearest(SemanticKey key, float[] vector) {
        Namespace ns = namespaces.get(key.namespace());
        if (ns == null || ns.index.size() == 0) return List.of();
        var out = new ArrayList<Near>(neighbours);
        for (Neighbour n : ns.index.search(vector, neighbours)) {
            SemanticEntry e = ns.entries.get(n.ordinal());
            QueryFacts facts = ns.facts.get(n.ordinal());
            if (e != null && facts != null) out.add(new Near(e, facts, n.score()));  // else removed meanwhile
        }
        return out;
    }

    /** Judges neighbours in order with {@code rule}: the first accepted one is the hit. */
    public SemanticLookup decide(SemanticKey key, float[] vector, List<Near> near, MatchPolicy rule) {
        if (near.isEmpty()) return new SemanticLookup.Miss(vector, List.of(), "nothing cached in this namespace yet");
        Instant now = clock.instant();
        QueryFacts queryFacts = QueryFacts.of(key.userText());
        var candidates = new ArrayList<SemanticLookup.Candidate>();
        SemanticLookup.Candidate firstVeto = null;
        GuardVeto veto = null;
        for (Near n : near) {
            SemanticEntry e = n.entry();
            if (e.expiredAt(now)) {
                remove(e);
                candidates.add(new SemanticLookup.Candidate(e, n.score(), Double.NaN, "expired", "expired at " + e.expiresAt()));
                continue;
            }
            MatchPolicy.Verdict verdict = rule.judge(key.userText(), queryFacts, e.query(), n.facts(), n.score());
            switch (verdict) {
                case MatchPolicy.Verdict.Accept a -> {
                    candidates.add(new SemanticLookup.Candidate(e, n.score(), a.threshold(), "hit", a.reason()));
                    return new SemanticLookup.Hit(e, n.score(), a.threshold(), vector, candidates,
                            String.format("score %.3f >= threshold %.3f and every guard agrees (%s)", n.score(), a.threshold(), a.reason()));
                }
                case MatchPolicy.Verdict.Below b -> candidates.add(new SemanticLookup.Candidate(e, n.score(), b.threshold(),
                        "below-threshold", b.reason()));
                case MatchPolicy.Verdict.Veto v -> {
                    var c = new SemanticLookup.Candidate(e, n.score(), v.threshold(), "vetoed", v.veto().guard() + ": " + v.veto().reason());
                    candidates.add(c);
                    if (firstVeto == null) {
                        firstVeto = c;
                        veto = v.veto();
                    }
                }
            }
        }
        if (firstVeto != null) {
            return new SemanticLookup.Vetoed(firstVeto.entry(), firstVeto.score(), veto, vector, candidates,
                    String.format("score %.3f passed the threshold but the %s guard vetoed: %s", firstVeto.score(), veto.guard(), veto.reason()));
        }
        var best = candidates.getFirst();
        return new SemanticLookup.Miss(vector, candidates, Double.isNaN(best.threshold()) ? "nearest neighbours expired"
                : String.format("best score %.3f below threshold %.3f (%s)", best.score(), best.threshold(), best.detail()));
    }

    /** Stores an answer for {@code key.userText()} (its vector computed by a lookup); returns the entry. */
    public SemanticEntry put(SemanticKey key, float[] vector, String answer, ModelRef model) {
        Instant now = clock.instant();
        var entry = new SemanticEntry(0, key.namespace(), key.userText(), vector, answer, model, now, now.plus(ttl));
        long id = store.insert(entry);
        var stored = new SemanticEntry(id, entry.namespace(), entry.query(), vector, answer, model, entry.createdAt(), entry.expiresAt());
        namespace(key.namespace(), vector.length).add(stored);
        return stored;
    }

    public void remove(SemanticEntry entry) {
        Namespace ns = namespaces.get(entry.namespace());
        if (ns != null) ns.remove(entry.id());
        store.delete(entry.id());
    }

    /** Indexes an entry already in the store (one another workbench shared); expired ones are ignored. */
    public void adopt(SemanticEntry entry) {
        if (!entry.expiredAt(clock.instant())) namespace(entry.namespace(), entry.vector().length).add(entry);
    }

    /** Drops a namespace from the index only: its stored entries were deleted elsewhere. */
    public void forgetIndex(String namespace) { namespaces.remove(namespace); }

    /** Forgets a whole namespace (e.g. its system prompt changed for good). */
    public int invalidate(String namespace) {
        namespaces.remove(namespace);
        return store.deleteNamespace(namespace);
    }

    /** Forgets every stored entry {@code which} accepts (a "clear cache" by model, or of everything); returns how many. */
    public int invalidateWhere(java.util.function.Predicate<SemanticEntry> which) {
        int removed = 0;
        for (SemanticEntry e : store.loadEntries()) {
            if (which.test(e)) {
                remove(e);
                removed++;
            }
        }
        return removed;
    }

    /** Live entries across namespaces. */
    public int size() { return namespaces.values().stream().mapToInt(ns -> ns.index.size()).sum(); }

    /** "exact" or "graph" for a namespace (null if absent). */
    public String indexKind(String namespace) {
        Namespace ns = namespaces.get(namespace);
        return ns == null ? null : ns.index.kind();
    }

    private Namespace namespace(String name, int dimension) {
        return namespaces.computeIfAbsent(name, n -> new Namespace(dimension));
    }
}
