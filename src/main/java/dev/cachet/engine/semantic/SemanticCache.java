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
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Answers found by meaning: one vector index per namespace ({@link SemanticKey}), the nearest cached
 * queries judged by the {@link MatchPolicy} (threshold + guards), entries persisted in a
 * {@link SemanticStore} and re-indexed from it at start. Expired entries are dropped when met. At most
 * {@code maxEntries} are kept across namespaces: past it the least recently stored or served go from the
 * index and the store ({@link EntryRecency}), a batch at a time.
 */
public final class SemanticCache {

    private static final Logger LOG = Logger.getLogger(SemanticCache.class.getName());

    private final Embedder embedder;
    private final SemanticStore store;
    private final MatchPolicy policy;
    private final InstantSource clock;
    private final Duration ttl;
    private final int neighbours;
    private final int graphCrossover;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final EntryRecency recency;
    private final AtomicLong evictions = new AtomicLong();

    /** One namespace's index and entries; ordinals are local to it. */
    private final class Namespace {
        final SwitchingIndex index;
        final Map<Integer, SemanticEntry> entries = new ConcurrentHashMap<>();
        final Map<Integer, QueryFacts> facts = new ConcurrentHashMap<>();
        final Map<Long, Integer> ordinalOfId = new ConcurrentHashMap<>();
        final AtomicInteger nextOrdinal = new AtomicInteger();

        Namespace(int dimension) { this.index = new SwitchingIndex(dimension, graphCrossover); }

        /**
         * Indexes {@code e} and returns the entry as kept, without its vector (the index holds it); null when
         * it was indexed already.
         */
        SemanticEntry add(SemanticEntry e) {
            int ord = nextOrdinal.getAndIncrement();
            // A put during the start-up rebuild can be met twice (stored and loaded): index it once.
            if (ordinalOfId.putIfAbsent(e.id(), ord) != null) return null;
            SemanticEntry kept = e.withoutVector();
            entries.put(ord, kept);
            facts.put(ord, QueryFacts.of(e.query()));
            index.add(ord, e.vector());
            return kept;
        }

        void remove(long id) {
            Integer ord = ordinalOfId.remove(id);
            if (ord == null) return;
            index.remove(ord);
            entries.remove(ord);
            facts.remove(ord);
        }
    }

    /** Without an entry cap: evaluation runs and benchmarks, which hold a fixed corpus. */
    public SemanticCache(Embedder embedder, SemanticStore store, MatchPolicy policy, InstantSource clock,
                         Duration ttl, int neighbours, int graphCrossover) {
        this(embedder, store, policy, clock, ttl, neighbours, graphCrossover, Integer.MAX_VALUE);
    }

    /** @param maxEntries most entries kept across namespaces (least recently used go first) */
    public SemanticCache(Embedder embedder, SemanticStore store, MatchPolicy policy, InstantSource clock,
                         Duration ttl, int neighbours, int graphCrossover, int maxEntries) {
        this.recency = new EntryRecency(maxEntries);
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
        var live = new ArrayList<SemanticEntry>();
        for (SemanticEntry e : store.loadEntries()) {
            if (e.expiredAt(now)) store.delete(e.id());
            else live.add(e);
        }
        // Least recently used first: a cap lowered since the last run keeps the most recent.
        int over = live.size() - recency.max();
        if (over > 0) {
            evicted(live.subList(0, over), "at start (semantic.maxEntries " + recency.max() + ")");
            live = new ArrayList<>(live.subList(over, live.size()));
        }
        int loaded = 0;
        for (SemanticEntry e : live) {
            if (Thread.currentThread().isInterrupted()) break;
            index(e);
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
                            String.format("score %.3f >= threshold %.3f and every guard agrees (%s)", n.score(), a.threshold(), a.reason()),
                            Assessment.NONE);
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

    /**
     * The learned decision ({@link CalibratedDecision}): guards, then serve / explore / miss from the
     * namespace's calibration ({@code prior} decides while it warms up). Counts the lookup.
     */
    public SemanticLookup decide(SemanticKey key, float[] vector, List<Near> near, MatchPolicy prior,
                                 dev.cachet.engine.semantic.calibration.NamespaceLearner learner,
                                 dev.cachet.engine.semantic.calibration.Calibrations calibrations) {
        return CalibratedDecision.decide(this, key, vector, near, prior, learner, calibrations, clock.instant());
    }

    /** True when the namespace holds at least one entry (in the index: a rebuild under way may not have reached it). */
    public boolean hasEntries(String namespace) {
        Namespace ns = namespaces.get(namespace);
        return ns != null && ns.index.size() > 0;
    }

    /** Stores an answer for {@code key.userText()} (its vector computed by a lookup); returns the entry. */
    public SemanticEntry put(SemanticKey key, float[] vector, String answer, ModelRef model) {
        Instant now = clock.instant();
        var entry = new SemanticEntry(0, key.namespace(), key.userText(), vector, answer, model, now, now.plus(ttl));
        long id = store.insert(entry);
        var stored = new SemanticEntry(id, entry.namespace(), entry.query(), vector, answer, model, entry.createdAt(), entry.expiresAt());
        index(stored);
        return stored;
    }

    /** A lookup served {@code entry}: it becomes the most recently used, the last the cap evicts. Cheap (the hit path). */
    public void served(SemanticEntry entry) { recency.touch(entry.id()); }

    /** Records in the store when {@code entry} was served, so that a restart keeps the order (work after the answer). */
    public void persistUse(SemanticEntry entry) { store.markUsed(entry.id(), clock.instant()); }

    public void remove(SemanticEntry entry) {
        unindex(entry);
        store.delete(entry.id());
    }

    /** Indexes an entry already in the store (one another workbench shared); expired ones are ignored. */
    public void adopt(SemanticEntry entry) {
        if (!entry.expiredAt(clock.instant())) index(entry);
    }

    /** Drops a namespace from the index only: its stored entries were deleted elsewhere. */
    public void forgetIndex(String namespace) {
        namespaces.remove(namespace);
        recency.removeNamespace(namespace);
    }

    /** Forgets a whole namespace (e.g. its system prompt changed for good). */
    public int invalidate(String namespace) {
        forgetIndex(namespace);
        return store.deleteNamespace(namespace);
    }

    /** Entries the cap has evicted since start. */
    public long evictions() { return evictions.get(); }

    /** The cap: most entries kept across namespaces. */
    public int maxEntries() { return recency.max(); }

    private void index(SemanticEntry e) {
        SemanticEntry kept = namespace(e.namespace(), e.vector().length).add(e);
        if (kept == null) return;
        List<SemanticEntry> over = recency.add(kept);
        if (over.isEmpty()) return;
        over.forEach(this::unindexOnly);
        evicted(over, "over semantic.maxEntries " + recency.max());
    }

    /** Deletes evicted entries from the store in one go, counts them and says so once for the batch. */
    private void evicted(List<SemanticEntry> batch, String why) {
        store.deleteAll(batch);
        evictions.addAndGet(batch.size());
        LOG.info(() -> "semantic cache evicted " + batch.size() + " least recently used entr" + (batch.size() == 1 ? "y " : "ies ") + why);
    }

    private void unindex(SemanticEntry e) {
        recency.remove(e.id());
        unindexOnly(e);
    }

    private void unindexOnly(SemanticEntry e) {
        Namespace ns = namespaces.get(e.namespace());
        if (ns != null) ns.remove(e.id());
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

    /** The full ids of the namespaces that hold entries. */
    public java.util.Set<String> namespaceIds() { return java.util.Set.copyOf(namespaces.keySet()); }

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
