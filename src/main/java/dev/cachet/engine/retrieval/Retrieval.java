package dev.cachet.engine.retrieval;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.config.RetrievalSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.trace.Citation;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Document collections as the composition root sees them: create and list them, ingest (incremental,
 * cancellable, with progress), watch folders, retrieve with the retrieval cache, bind requests to a
 * collection version, and the pipeline's retrieve stage. Vectors come from the semantic layer's
 * embedder chain (embedding cache, micro-batcher), so a chunk text is embedded once per model, ever.
 */
public final class Retrieval implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Retrieval.class.getName());

    /** Hears about ingests, whoever started them (a command, the Collections view, a folder watcher). */
    public interface Listener {
        default void progress(IngestProgress progress) { }
        default void finished(IngestReport report) { }
        /** A collection was created, removed, or its settings changed. */
        default void changed() { }
    }

    private final CollectionStore store;
    private final RetrievalCache cache;
    private final Embedder embedder;
    private final RetrievalSettings settings;
    private final InstantSource clock;
    private final MultiQueryRetrieval fanOut;
    private final Map<Long, ChunkIndex> indexes = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> ingestLocks = new ConcurrentHashMap<>();
    private final Map<Long, FolderWatcher> watchers = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final RetrieveStage stage;
    private volatile boolean closed;

    public Retrieval(Database db, Embedder embedder, RetrievalSettings settings, InstantSource clock) {
        this.store = new CollectionStore(db);
        this.cache = new RetrievalCache(db, clock, settings.cacheTtl(), settings.cacheMaxEntries());
        this.embedder = embedder;
        this.settings = settings;
        this.clock = clock;
        this.fanOut = new MultiQueryRetrieval(settings.concurrency(), settings.branchTimeout());
        this.stage = new RetrieveStage(this, settings);
    }

    public RetrievalSettings settings() { return settings; }
    public RetrieveStage stage() { return stage; }
    public RetrievalCache cache() { return cache; }
    public String embedderId() { return embedder.modelId(); }

    public void addListener(Listener l) { listeners.add(l); }
    public void removeListener(Listener l) { listeners.remove(l); }

    // ---- collections ----

    public CollectionInfo create(String name, List<Path> sources) {
        var info = store.create(name, absolute(sources), clock.instant());
        listeners.forEach(Listener::changed);
        return info;
    }

    public CollectionInfo addSources(String name, List<Path> sources) {
        var c = require(name);
        store.addSources(c.id(), absolute(sources));
        listeners.forEach(Listener::changed);
        restartWatcher(c.id());
        return require(name);
    }

    private static List<String> absolute(List<Path> sources) {
        if (sources.isEmpty()) throw new IllegalArgumentException("a collection needs at least one file or folder");
        return sources.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    public boolean remove(String name) {
        var c = store.find(name);
        if (c.isEmpty()) return false;
        stopWatching(c.get().id());
        indexes.remove(c.get().id());
        cache.invalidate(c.get().id());
        boolean removed = store.delete(c.get().id());
        listeners.forEach(Listener::changed);
        return removed;
    }

    public List<CollectionInfo> list() { return store.all(); }

    public Optional<CollectionInfo> find(String name) { return store.find(name); }

    /** The collection, or an error naming the ones there are. */
    public CollectionInfo require(String name) {
        return store.find(name).orElseThrow(() -> {
            var names = list().stream().map(CollectionInfo::name).toList();
            return new IllegalArgumentException("unknown collection '" + name + "'"
                    + (names.isEmpty() ? " (there are none yet: add one with `cachet collections add NAME PATH`)" : " (known: " + String.join(", ", names) + ")"));
        });
    }

    /** The chunk store of a collection, as a langchain4j EmbeddingStore. */
    public ChunkIndex index(String name) { return index(require(name)); }

    private ChunkIndex index(CollectionInfo c) { return index(c.id()); }

    private ChunkIndex index(CollectionStore.Head c) { return index(c.id()); }

    private ChunkIndex index(long collectionId) {
        return indexes.computeIfAbsent(collectionId, id -> new ChunkIndex(id, store, settings.graphCrossover(), clock, () -> versionBumped(id)));
    }

    private void versionBumped(long id) {
        store.bumpVersion(id);
        cache.invalidate(id);
    }

    // ---- ingestion ----

    /**
     * Ingests a collection: new and changed files are read, split and embedded, deleted ones removed, and
     * the version bumped if anything changed. One ingest per collection at a time (a second one waits).
     */
    public IngestReport ingest(String name, Consumer<IngestProgress> progress, Cancellation cancel) throws InterruptedException {
        var c = require(name);
        var lock = ingestLocks.computeIfAbsent(c.id(), id -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            c = require(name);  // the version may have moved while we waited
            boolean newEmbedder = c.embedder() != null && !c.embedder().equals(embedder.modelId());
            if (newEmbedder) indexes.remove(c.id());  // vectors of another size: rebuild from the table afterwards
            ChunkIndex index = newEmbedder ? new ChunkIndex(c.id(), store, settings.graphCrossover(), clock, () -> { }) : index(c);
            long id = c.id();
            Consumer<IngestProgress> tell = p -> {
                progress.accept(p);
                listeners.forEach(l -> l.progress(p));
            };
            IngestReport report = new Ingestor(store, embedder, settings, clock).ingest(c, index, tell, cancel, () -> cache.invalidate(id));
            if (newEmbedder) indexes.remove(id);
            listeners.forEach(l -> l.finished(report));
            return report;
        } finally {
            lock.unlock();
        }
    }

    // ---- watching ----

    /** Turns folder watching on or off (remembered in the database; a watched folder is re-ingested on change). */
    public void watch(String name, boolean on) throws IOException {
        watchLock.lock();
        try {
            var c = require(name);
            store.setWatch(c.id(), on);
            if (on) startWatching(c);
            else stopWatching(c.id());
        } finally {
            watchLock.unlock();
        }
        listeners.forEach(Listener::changed);
    }

    /** Orders the start-up's watcher starts with a user's toggles: the flag is read and acted on under it. */
    private final ReentrantLock watchLock = new ReentrantLock();

    /** Starts watching every collection marked for it (the engine's background work). */
    public void startWatchers() {
        if (closed) return;
        List<CollectionInfo> all;
        try {
            all = list();
        } catch (dev.cachet.engine.store.DatabaseException e) {
            if (closed) return;  // the engine closed while this started
            throw e;
        }
        for (CollectionInfo listed : all) {
            watchLock.lock();
            try {
                var c = store.info(listed.id());  // the flag now, not when the list was read
                if (c.isPresent() && c.get().watch()) startWatching(c.get());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot watch collection " + listed.name(), e);
            } finally {
                watchLock.unlock();
            }
        }
    }

    public boolean watching(String name) { return find(name).map(c -> watchers.containsKey(c.id())).orElse(false); }

    private void startWatching(CollectionInfo c) throws IOException {
        if (closed || watchers.containsKey(c.id())) return;
        String name = c.name();
        var w = new FolderWatcher(name, c.sources(), settings.watchDebounce(), () -> {
            try {
                ingest(name, p -> { }, new Cancellation());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalArgumentException gone) {
                LOG.fine("watched collection is gone: " + gone.getMessage());
            }
        });
        if (watchers.putIfAbsent(c.id(), w) != null) w.close();
    }

    private void stopWatching(long id) {
        var w = watchers.remove(id);
        if (w != null) w.close();
    }

    private void restartWatcher(long id) {
        if (watchers.containsKey(id)) {
            stopWatching(id);
            store.info(id).ifPresent(c -> {
                try {
                    startWatching(c);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot watch collection " + c.name(), e);
                }
            });
        }
    }

    // ---- retrieval ----

    /**
     * The {@code topK} chunks nearest one query, through the retrieval cache ({@code mode}: USE looks up
     * and stores; REFRESH stores without looking up; BYPASS does neither).
     */
    public QueryResult retrieve(String name, String query, int topK, CacheMode mode) {
        return retrieve(head(name), query, topK, mode);
    }

    /** The collection's id, version and embedder, or an error naming the ones there are. */
    private CollectionStore.Head head(String name) {
        return store.head(name).orElseGet(() -> {
            require(name);  // throws with the known names
            throw new IllegalStateException("unreachable");
        });
    }

    QueryResult retrieve(CollectionStore.Head c, String query, int topK, CacheMode mode) {
        long t0 = System.nanoTime();
        checkEmbedder(c);
        var key = RetrievalCache.key(query, embedder.modelId(), c.id(), c.version(), topK);
        if (mode == CacheMode.USE) {
            var lookup = cache.get(key);
            if (lookup.hit()) {
                Map<Long, StoredChunk> chunks = store.chunks(lookup.found().stream().map(RetrievalCache.Found::chunkId).toList());
                if (chunks.size() == lookup.found().size()) {
                    var out = lookup.found().stream().map(f -> new RetrievedChunk(chunks.get(f.chunkId()), f.score(), query)).toList();
                    return new QueryResult(query, out, lookup.tier(), index(c).kind(), Duration.ofNanos(System.nanoTime() - t0));
                }
            }
        }
        ChunkIndex index = index(c);
        // langchain4j's retriever over our EmbeddingStore, embedding through the semantic layer's chain.
        var retriever = EmbeddingStoreContentRetriever.builder().embeddingStore(index).embeddingModel(new EmbedderModel(embedder))
                .maxResults(topK).build();
        List<Content> contents = retriever.retrieve(Query.from(query));
        var out = new ArrayList<RetrievedChunk>(contents.size());
        for (Content content : contents) {
            var seg = content.textSegment();
            var m = seg.metadata();
            double cosine = 2 * ((Number) content.metadata().get(ContentMetadata.SCORE)).doubleValue() - 1;
            var chunk = new StoredChunk(m.getLong(ChunkIndex.CHUNK_ID), m.getLong(ChunkIndex.DOCUMENT_ID), m.getString(ChunkIndex.SOURCE),
                    m.getInteger(ChunkIndex.ORDINAL), seg.text(), m.getString(ChunkIndex.POSITION));
            out.add(new RetrievedChunk(chunk, cosine, query));
        }
        if (mode != CacheMode.BYPASS) {
            cache.put(key, out.stream().map(r -> new RetrievalCache.Found(r.chunk().id(), r.score())).toList());
        }
        return new QueryResult(query, out, RetrievalCache.Tier.MISS, index.kind(), Duration.ofNanos(System.nanoTime() - t0));
    }

    private void checkEmbedder(CollectionStore.Head c) {
        if (c.embedder() != null && !c.embedder().equals(embedder.modelId())) {
            throw new IllegalStateException("collection '" + c.name() + "' was embedded with " + c.embedder() + " but the embedder is now "
                    + embedder.modelId() + ": re-ingest it (`cachet collections ingest " + c.name() + "`)");
        }
    }

    /** Several queries at once (see {@link MultiQueryRetrieval}), merged to the best {@code topK}. */
    public MultiQueryRetrieval.Result retrieveAll(String name, List<String> queries, int topK, CacheMode mode, Cancellation cancel)
            throws InterruptedException {
        var c = head(name);
        return fanOut.run(queries, topK, q -> retrieve(c, q, topK, mode), cancel);
    }

    /** Numbers merged chunks as the sources the model is given. */
    static List<Citation> cite(String collection, List<RetrievedChunk> chunks) {
        var out = new ArrayList<Citation>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            var c = chunks.get(i);
            out.add(new Citation(i + 1, collection, c.chunk().id(), c.chunk().source(), c.chunk().position(), c.chunk().text(), c.score()));
        }
        return out;
    }

    // ---- binding requests and citing cached answers ----

    /**
     * Binds a request's collection to its current version, before any cache looks at the request (the
     * version is part of the exact and semantic keys). Unknown collection: IllegalArgumentException.
     */
    public ChatRequest bind(ChatRequest request) {
        RetrievalSpec spec = request.retrieval();
        if (spec == null) return request;
        return request.withRetrieval(spec.bound(head(spec.collection()).version()));
    }

    /** Remembers which chunks an answer was given, so a cache hit of it can still show its sources. */
    void rememberSources(String answer, String collection, long version, List<Citation> citations) {
        var c = store.find(collection);
        if (c.isEmpty() || citations.isEmpty()) return;
        var ids = citations.stream().map(x -> Long.toString(x.chunkId())).toList();
        store.database().write(conn -> {
            try (var ps = conn.prepareStatement("INSERT OR REPLACE INTO rag_answer_source (answer_hash, collection_id, version, chunk_ids) VALUES (?,?,?,?)")) {
                ps.setString(1, Ingestor.sha256(answer.getBytes(StandardCharsets.UTF_8)));
                ps.setLong(2, c.get().id());
                ps.setLong(3, version);
                ps.setString(4, String.join(",", ids));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The sources of an answer: those the retrieve stage gave the model (in the trace), or, for an answer
     * served from a response cache, those recorded when the model first gave it.
     */
    public List<Citation> citations(ChatRequest request, String answerText, List<Citation> inTrace) {
        if (!inTrace.isEmpty()) return inTrace;
        RetrievalSpec spec = request.retrieval();
        if (spec == null) return List.of();
        var c = store.find(spec.collection());
        if (c.isEmpty()) return List.of();
        long version = spec.isBound() ? spec.version() : c.get().version();
        String ids = store.database().read(conn -> {
            try (var ps = conn.prepareStatement("SELECT chunk_ids FROM rag_answer_source WHERE answer_hash = ? AND collection_id = ? AND version = ?")) {
                ps.setString(1, Ingestor.sha256(answerText.getBytes(StandardCharsets.UTF_8)));
                ps.setLong(2, c.get().id());
                ps.setLong(3, version);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (ids == null || ids.isEmpty()) return List.of();
        var order = java.util.Arrays.stream(ids.split(",")).map(Long::parseLong).toList();
        Map<Long, StoredChunk> chunks = store.chunks(order);
        var found = new ArrayList<RetrievedChunk>();
        for (long id : order) if (chunks.containsKey(id)) found.add(new RetrievedChunk(chunks.get(id), Double.NaN, ""));
        return cite(spec.collection(), found);
    }

    /** Starts the background work: folder watchers of collections marked for watching. */
    public void startBackgroundWork() {
        VirtualThreads.factory("collection-watchers").newThread(this::startWatchers).start();
    }

    @Override
    public void close() {
        closed = true;
        new HashMap<>(watchers).keySet().forEach(this::stopWatching);
    }
}
