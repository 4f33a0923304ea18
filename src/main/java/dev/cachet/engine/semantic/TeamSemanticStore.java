package dev.cachet.engine.semantic;

import dev.cachet.engine.exec.VirtualThreads;
import redis.clients.jedis.StreamEntryID;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Semantic entries for a team: the local store stays the one every lookup and restart uses (it works
 * with Redis down), and a copy of every new entry goes to the shared {@link RedisSemanticStore} through a
 * bounded write-behind queue. {@link #follow} brings other workbenches' entries into the local store and
 * the index: a catch-up over the shared entries, then the shared log, read with a blocking wait of
 * {@code poll} (entries show up within that). Embedding vectors stay local. Entries the local cap
 * evicts are deleted from the shared store too, so the team's copy is bounded by the caps as well.
 */
public final class TeamSemanticStore implements SemanticStore {

    private static final Logger LOG = Logger.getLogger(TeamSemanticStore.class.getName());
    private static final int MAX_QUEUED = 10_000;

    private final SemanticStore local;
    private final RedisSemanticStore shared;
    private final String origin = UUID.randomUUID().toString();
    /** Entries held here (namespace + query) and their shared id once written there (0 until then). */
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final ArrayDeque<SemanticEntry> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Duration poll;
    private volatile boolean closed;
    private volatile boolean lastWriteFailed;
    private volatile Thread writer;

    public TeamSemanticStore(SemanticStore local, RedisSemanticStore shared, Duration poll) {
        this.local = local;
        this.shared = shared;
        this.poll = poll;
    }

    private static String identity(SemanticEntry e) { return e.namespace() + '\u0000' + e.query(); }

    @Override public List<SemanticEntry> loadEntries() {
        List<SemanticEntry> all = local.loadEntries();
        all.forEach(e -> known.putIfAbsent(identity(e), 0L));
        return all;
    }

    @Override public long insert(SemanticEntry entry) {
        long id = local.insert(entry);
        known.putIfAbsent(identity(entry), 0L);
        synchronized (queue) {
            queue.addLast(entry);
            if (queue.size() > MAX_QUEUED) {
                queue.removeFirst();
                dropped.incrementAndGet();
            }
            queue.notifyAll();
        }
        return id;
    }

    @Override public void delete(long id) { local.delete(id); }

    @Override public void markUsed(long id, java.time.Instant at) { local.markUsed(id, at); }

    /** Evicted here: deleted locally and from the shared store (when reachable; else they expire there by their TTL). */
    @Override public void deleteAll(List<SemanticEntry> entries) {
        local.deleteAll(entries);
        var sharedIds = new java.util.ArrayList<Long>();
        for (SemanticEntry e : entries) {
            Long sharedId = known.remove(identity(e));
            if (sharedId != null && sharedId > 0) sharedIds.add(sharedId);
        }
        if (sharedIds.isEmpty()) return;
        try {
            shared.deleteIds(sharedIds);
        } catch (RuntimeException e) {
            LOG.warning("team cache unreachable: " + sharedIds.size() + " evicted semantic entries stay there until they expire: "
                    + e.getMessage());
        }
    }

    @Override public int deleteNamespace(String namespace) {
        int here = local.deleteNamespace(namespace);
        try {
            shared.deleteNamespace(namespace, origin);
        } catch (RuntimeException e) {
            LOG.warning("team cache unreachable: semantic namespace " + namespace + " was cleared locally only: " + e.getMessage());
        }
        return here;
    }

    @Override public Map<String, float[]> embeddings(String model, List<String> textHashes) { return local.embeddings(model, textHashes); }
    @Override public void putEmbeddings(String model, Map<String, float[]> vectors) { local.putEmbeddings(model, vectors); }

    /** Entries held here whose copy in the shared store is known (written, or adopted from there). */
    long sharedCopies() { return known.values().stream().filter(id -> id > 0).count(); }

    /** Entries not written to the shared store because the queue was full while it was down. */
    public long droppedWrites() { return dropped.get(); }

    /**
     * Runs until {@link #close()}: writes queued entries to the shared store, and indexes what other
     * workbenches share through {@code adopt} (already stored locally) and {@code forget} (a namespace
     * they cleared). Failures wait {@code retry} and try again; nothing here fails a request.
     */
    public void follow(Consumer<SemanticEntry> adopt, Consumer<String> forget, Duration retry) {
        writer = VirtualThreads.factory("team-semantic-writer").newThread(() -> runWriter(retry));
        writer.start();
        StreamEntryID position = null;
        boolean warned = false;
        while (!closed) {
            try {
                if (position == null) {
                    position = shared.logPosition();
                    for (SemanticEntry e : shared.loadEntries()) take(e, adopt);
                }
                RedisSemanticStore.Followed f = shared.follow(position, poll);
                for (RedisSemanticStore.Change c : f.changes()) {
                    switch (c) {
                        case RedisSemanticStore.Change.Added a -> { if (!a.origin().equals(origin)) take(a.entry(), adopt); }
                        case RedisSemanticStore.Change.NamespaceDeleted d -> {
                            if (!d.origin().equals(origin)) {
                                local.deleteNamespace(d.namespace());
                                forget.accept(d.namespace());
                            }
                        }
                    }
                }
                position = f.next();
                warned = false;
            } catch (RuntimeException e) {
                if (closed) return;
                if (!warned) LOG.log(Level.WARNING, "team cache: cannot follow shared semantic entries (" + e.getMessage() + "); retrying");
                warned = true;
                position = null; // catch up again once it is back
                if (!sleep(retry)) return;
            }
        }
    }

    private void take(SemanticEntry shared, Consumer<SemanticEntry> adopt) {
        Long held = known.putIfAbsent(identity(shared), shared.id());
        if (held != null) {
            known.replace(identity(shared), 0L, shared.id());  // ours from before a restart: now it can be evicted there too
            return;
        }
        long id = local.insert(shared);
        adopt.accept(new SemanticEntry(id, shared.namespace(), shared.query(), shared.vector(), shared.answer(), shared.model(),
                shared.createdAt(), shared.expiresAt()));
    }

    private void runWriter(Duration retry) {
        while (!closed) {
            SemanticEntry next;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = queue.peekFirst();
            }
            if (next == null) return;
            try {
                long sharedId = shared.insert(next, origin);
                known.replace(identity(next), 0L, sharedId);  // unless evicted meanwhile
                lastWriteFailed = false;
                synchronized (queue) {
                    if (queue.peekFirst() == next) queue.removeFirst();
                }
            } catch (RuntimeException e) {
                lastWriteFailed = true;
                if (!sleep(retry)) return;
            }
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Gives queued entries a moment (bounded) to reach the shared store, then stops. */
    @Override public void close() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (queue) {
            while (writer != null && writer.isAlive() && !queue.isEmpty() && !lastWriteFailed && System.nanoTime() < deadline) {
                try {
                    queue.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        closed = true;
        synchronized (queue) {
            queue.notifyAll();
        }
        Thread w = writer;
        if (w != null) w.interrupt();
        local.close();
    }
}
