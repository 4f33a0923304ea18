package dev.cachet.engine.retrieval;

import dev.cachet.engine.semantic.Neighbour;
import dev.cachet.engine.semantic.SwitchingIndex;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collection's chunks as a langchain4j {@link EmbeddingStore}: rows in SQLite, vectors also in memory
 * in the semantic layer's exact-scan / JVector-graph switch. The chunk row id is the index ordinal,
 * and never reused (AUTOINCREMENT). Scores follow langchain4j: relevance = (cosine + 1) / 2.
 *
 * <p>Chunk ids are assigned here; storing under caller-chosen ids, or vectors without text, is refused
 * (a collection's chunks are cited, so each has text and a source). Every change made through this
 * interface calls {@code onChange} (the collection's version bump); ingestion changes many chunks and
 * bumps once, through {@link #applyAdded} and {@link #applyRemoved}.
 */
public final class ChunkIndex implements EmbeddingStore<TextSegment> {

    /** Segment metadata keys: where a chunk comes from and where in it. */
    public static final String SOURCE = "source";
    public static final String POSITION = "position";
    public static final String CHUNK_ID = "chunk_id";
    public static final String ORDINAL = "ordinal";
    public static final String DOCUMENT_ID = "document_id";

    private final long collectionId;
    private final CollectionStore store;
    private final int graphCrossover;
    private final InstantSource clock;
    private final Runnable onChange;
    private volatile SwitchingIndex index;
    private volatile boolean loaded;

    ChunkIndex(long collectionId, CollectionStore store, int graphCrossover, InstantSource clock, Runnable onChange) {
        this.collectionId = collectionId;
        this.store = store;
        this.graphCrossover = graphCrossover;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** Loads the vectors from the database on first use (a large collection takes a moment: not at start-up). */
    private void ensureLoaded() {
        if (loaded) return;
        synchronized (this) {
            if (loaded) return;
            store.forEachVector(collectionId, this::indexVector);
            loaded = true;
        }
    }

    private void indexVector(float[] v, int id) {
        SwitchingIndex i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) index = new SwitchingIndex(v.length, graphCrossover);
                i = index;
            }
        }
        i.add(id, v);
    }

    /** Chunks in memory (loads them first). */
    public int size() {
        ensureLoaded();
        SwitchingIndex i = index;
        return i == null ? 0 : i.size();
    }

    /** "exact" or "graph": which search the index does now. */
    public String kind() {
        SwitchingIndex i = index;
        return i == null ? "exact" : i.kind();
    }

    /** The nearest chunks by cosine, best first. */
    public List<Neighbour> nearest(float[] query, int k) {
        ensureLoaded();
        SwitchingIndex i = index;
        if (i == null || i.size() == 0) return List.of();
        return i.search(query, k);
    }

    synchronized void applyAdded(List<Long> ids, List<float[]> vectors) {
        if (!loaded) return;  // loaded later from the database, with these rows in it
        for (int j = 0; j < ids.size(); j++) {
            indexVector(vectors.get(j), Math.toIntExact(ids.get(j)));
        }
    }

    synchronized void applyRemoved(Collection<Long> ids) {
        SwitchingIndex i = index;
        if (i == null) return;
        for (long id : ids) i.remove(Math.toIntExact(id));
    }

    // ---- langchain4j EmbeddingStore ----

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] q = request.queryEmbedding().vector();
        int wanted = request.maxResults();
        // A filter is applied to the nearest candidates: fetch more so that filtering leaves enough.
        int fetch = request.filter() == null ? wanted : Math.max(wanted * 8, 64);
        List<Neighbour> near = nearest(q, fetch);
        Map<Long, StoredChunk> chunks = store.chunks(near.stream().map(n -> (long) n.ordinal()).toList());
        var matches = new ArrayList<EmbeddingMatch<TextSegment>>();
        for (Neighbour n : near) {
            StoredChunk c = chunks.get((long) n.ordinal());
            if (c == null) continue;  // removed meanwhile
            double relevance = RelevanceScore.fromCosineSimilarity(n.score());
            if (relevance < request.minScore()) continue;
            TextSegment segment = segment(c);
            if (request.filter() != null && !request.filter().test(segment.metadata())) continue;
            matches.add(new EmbeddingMatch<>(relevance, Long.toString(c.id()), null, segment));
            if (matches.size() == wanted) break;
        }
        return new EmbeddingSearchResult<>(matches);
    }

    /** A chunk as a langchain4j segment, its source and position in the metadata. */
    public static TextSegment segment(StoredChunk c) {
        var m = new Metadata();
        m.put(SOURCE, c.source());
        m.put(POSITION, c.position());
        m.put(CHUNK_ID, c.id());
        m.put(ORDINAL, c.ordinal());
        m.put(DOCUMENT_ID, c.documentId());
        return TextSegment.from(c.text(), m);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return addAll(List.of(embedding), List.of(segment)).getFirst();
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        if (segments == null || segments.size() != embeddings.size()) {
            throw new IllegalArgumentException("every chunk needs its text: " + embeddings.size() + " embeddings, "
                    + (segments == null ? 0 : segments.size()) + " segments");
        }
        // Group by source so each source is one document row.
        var bySource = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < segments.size(); i++) {
            String source = segments.get(i).metadata().getString(SOURCE);
            bySource.computeIfAbsent(source == null ? "(added through the API)" : source, s -> new ArrayList<>()).add(i);
        }
        String[] ids = new String[segments.size()];
        for (var e : bySource.entrySet()) {
            var chunks = new ArrayList<CollectionStore.NewChunk>();
            var vectors = new ArrayList<float[]>();
            for (int i : e.getValue()) {
                TextSegment s = segments.get(i);
                String position = s.metadata().getString(POSITION);
                chunks.add(new CollectionStore.NewChunk(s.text(), position == null ? "" : position, embeddings.get(i).vector()));
                vectors.add(embeddings.get(i).vector());
            }
            List<Long> added = store.appendChunks(collectionId, e.getKey(), chunks, clock.instant());
            applyAdded(added, vectors);
            for (int j = 0; j < added.size(); j++) ids[e.getValue().get(j)] = Long.toString(added.get(j));
        }
        onChange.run();
        return List.of(ids);
    }

    @Override
    public void removeAll(Collection<String> ids) {
        var numeric = ids.stream().map(ChunkIndex::parseId).toList();
        store.removeChunks(numeric);
        applyRemoved(numeric);
        onChange.run();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is not a chunk id of this collection (chunk ids are numbers)", e);
        }
    }

    @Override
    public String add(Embedding embedding) {
        throw new UnsupportedFeatureException("a collection stores text chunks: add an embedding together with its TextSegment");
    }

    @Override
    public void add(String id, Embedding embedding) {
        throw new UnsupportedFeatureException("a collection assigns chunk ids itself: use add(embedding, segment)");
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        throw new UnsupportedFeatureException("a collection stores text chunks: use addAll(embeddings, segments)");
    }
}
